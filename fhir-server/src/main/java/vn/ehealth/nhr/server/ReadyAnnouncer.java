package vn.ehealth.nhr.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.server.config.RestfulServerConfig;

/** Prints the one line a person starting the server waits for: ready, and where. */
@Component
class ReadyAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadyAnnouncer.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            LOG.info("NHR FHIR server ready: http://localhost:{}{} (CapabilityStatement at {}/metadata)",
                    port, RestfulServerConfig.FHIR_PATH, RestfulServerConfig.FHIR_PATH);
        }
    }
}
