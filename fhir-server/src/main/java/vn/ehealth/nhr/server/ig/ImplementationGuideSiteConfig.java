package vn.ehealth.nhr.server.ig;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.ehealth.nhr.ig.NhrImplementationGuide;
import vn.ehealth.nhr.ig.site.GuideSite;

/**
 * The implementation guide in a browser at {@code /ig/}: the static HTML the ig module renders at
 * build time ({@code classpath:ig/site/}) and the NPM package itself ({@code /ig/vn.ehealth.nhr.tgz}),
 * served by Spring MVC's resource handling on the DispatcherServlet. {@code /fhir/*} belongs to
 * HAPI's servlet and never reaches these handlers.
 */
@Configuration(proxyBeanMethods = false)
public class ImplementationGuideSiteConfig implements WebMvcConfigurer {

    public static final String PATH = "/ig";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // the package next to the site (classpath:ig/vn.ehealth.nhr.tgz); only .tgz files of that folder
        registry.addResourceHandler(PATH + "/*.tgz")
                .addResourceLocations("classpath:/" + NhrImplementationGuide.PACKAGE_CLASSPATH.substring(0,
                        NhrImplementationGuide.PACKAGE_CLASSPATH.lastIndexOf('/') + 1));
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/" + GuideSite.CLASSPATH_FOLDER);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/");
        registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/" + GuideSite.INDEX);
    }

    /** Content types of the site's files: HTML and CSS say they are UTF-8; the package is gzip. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> guideSiteMimeTypes() {
        return factory -> {
            MimeMappings mappings = new MimeMappings();
            mappings.add("html", "text/html;charset=UTF-8");
            mappings.add("css", "text/css;charset=UTF-8");
            mappings.add("tgz", "application/gzip");
            factory.addMimeMappings(mappings);
        };
    }
}
