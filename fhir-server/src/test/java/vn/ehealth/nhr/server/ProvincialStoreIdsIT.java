package vn.ehealth.nhr.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provincial store started with {@code NHR_FHIR_SERVER_ID_STRATEGY=UUID} names what it creates
 * (by POST and in a transaction) with UUIDs, so that records from several provinces can be copied
 * into one national store under their own ids (docs/SCALE.md 3.2); reads and searches work as before.
 */
class ProvincialStoreIdsIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void createdResourcesGetUuidsThatReadAndSearchAsUsual(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext server = SpringApplication.run(NhrServerApplication.class,
                "--server.port=0", "--management.server.port=0", "--nhr.db.url=", "--nhr.data-dir=" + dataDir,
                "--nhr.fhir.server-id-strategy=UUID")) {
            IGenericClient client = client(server);
            Patient patient = TestCitizens.woman("Trần", "Thị Mai", 1988);
            String patientId = client.create().resource(patient).execute().getId().getIdPart();
            assertThat(UUID.fromString(patientId).toString()).isEqualTo(patientId);

            Patient second = TestCitizens.man("Lê", "Văn Bình", 1975);
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(second)
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
            Bundle answer = client.transaction().withBundle(tx).execute();
            String secondId = new IdType(answer.getEntryFirstRep().getResponse().getLocation()).getIdPart();
            assertThat(UUID.fromString(secondId).toString()).isEqualTo(secondId);

            Bundle found = client.search().forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().identifier(TestCitizens.cccdOf(second)))
                    .returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(secondId);
            assertThat(client.read().resource(Patient.class).withId(patientId).execute().getIdentifierFirstRep().getValue())
                    .isEqualTo(TestCitizens.cccdOf(patient));
        }
    }

    private static IGenericClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
    }
}
