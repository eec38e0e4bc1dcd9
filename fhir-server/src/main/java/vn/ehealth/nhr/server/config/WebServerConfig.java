package vn.ehealth.nhr.server.config;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.server.http.ClientErrorLogFilter;
import vn.ehealth.nhr.server.http.FhirErrorReportValve;

/** Tomcat settings that FHIR clients need. */
@Configuration(proxyBeanMethods = false)
public class WebServerConfig {

    public WebServerConfig() {
        ClientErrorLogFilter.install(); // refusals are answers, not errors: no stack trace per 4xx
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> fhirFriendlyTomcat() {
        return factory -> {
            // FHIR search syntax uses | (system|code), and vendors often send it unencoded.
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("relaxedQueryChars", "|{}[]^`\\<>\"");
                connector.setProperty("relaxedPathChars", "|");
            });
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(FhirErrorReportValve.class.getName());
                }
            });
        };
    }
}
