package vn.ehealth.nhr.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-setup default: no database configured, so the server runs on the embedded H2 file
 * database in its data folder, and what it stored is still there (records and full-text index)
 * after a restart on the same folder.
 */
class EmbeddedDatabaseRestartIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void recordsAndTheFullTextIndexSurviveARestartOnTheSameDataFolder(@TempDir Path dataDir) {
        Patient patient = TestCitizens.woman("Nguyễn", "Thị Thu Hà", 1999);
        String cccd = TestCitizens.cccdOf(patient);
        String id;

        try (ConfigurableApplicationContext first = start(dataDir)) {
            id = client(first).create().resource(patient).execute().getId().getIdPart();
        }
        assertThat(Files.exists(dataDir.resolve("h2/nhr.mv.db"))).as("H2 file in the data folder").isTrue();
        assertThat(dataDir.resolve("lucene")).as("Lucene index in the data folder").isDirectory();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            IGenericClient client = client(second);
            Patient reread = client.read().resource(Patient.class).withId(id).execute();
            assertThat(reread.getIdentifierFirstRep().getValue()).isEqualTo(cccd);
            assertThat(reread.getNameFirstRep().getFamily()).isEqualTo("Nguyễn");

            Bundle found = client.search().forResource(Patient.class)
                    .where(new ca.uhn.fhir.rest.gclient.StringClientParam("_text").matches().value("nguyen thu ha"))
                    .returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(id);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return SpringApplication.run(NhrServerApplication.class,
                "--server.port=0",
                "--management.server.port=0",
                "--nhr.db.url=",                       // ignore any NHR_DB_URL of the machine: this is the default mode
                "--nhr.data-dir=" + dataDir);
    }

    private static IGenericClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
    }
}
