package vn.ehealth.nhr.server;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The resources loader, run as a user would, against the real server. */
class ResourcesLoaderIT extends RunningServerTestBase {

    @Test
    void loadsAFolderOfResourcesAndTransactionsAndLoadingTwiceChangesNothing(@TempDir Path folder) throws Exception {
        Patient withId = TestCitizens.woman("Hoàng", "Thị Mai", 1975);
        String idPart = "loader-" + TestCitizens.cccdOf(withId);
        withId.setId(idPart);
        Files.writeString(folder.resolve("mai.json"), FHIR.newJsonParser().encodeResourceToString(withId));

        Patient inTransaction = TestCitizens.man("Bùi", "Quang Vinh", 1960);
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(inTransaction).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + TestCitizens.cccdOf(inTransaction));
        Files.writeString(folder.resolve("vinh-bundle.json"), FHIR.newJsonParser().encodeResourceToString(tx));

        for (int run = 0; run < 2; run++) {
            int code = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token", TestTokens.administrator(), folder.toString());
            assertThat(code).as("exit code of run %d", run).isZero();
        }

        assertThat(client().read().resource(Patient.class).withId(idPart).execute().getMeta().getVersionId())
                .as("PUT of identical content creates no new version").isEqualTo("1");
        assertThat(client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, TestCitizens.cccdOf(inTransaction)))
                .returnBundle(Bundle.class).execute().getTotal()).isEqualTo(1);
    }

    @Test
    void aFacilitySystemLoadsWithItsOwnClientCredentialsFromKeycloak(@TempDir Path folder) throws Exception {
        Patient citizen = TestCitizens.woman("Đinh", "Thị Hồng", 1982);
        citizen.setId("loader-cc-" + TestCitizens.cccdOf(citizen));
        Files.writeString(folder.resolve("hong.json"), FHIR.newJsonParser().encodeResourceToString(citizen));
        String tokenUrl = KeycloakTestServer.get().tokenEndpoint();

        int refused = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token-url", tokenUrl,
                "--client-id", "emr-bach-mai", "--client-secret", "not-the-secret", folder.toString());
        assertThat(refused).as("a wrong secret stops the load before anything is sent").isEqualTo(2);
        assertThat(client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, TestCitizens.cccdOf(citizen)))
                .returnBundle(Bundle.class).execute().getTotal()).isZero();

        int loaded = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token-url", tokenUrl,
                "--client-id", "emr-bach-mai", "--client-secret", "emr-bach-mai-demo-secret", folder.toString());
        assertThat(loaded).isZero();
        assertThat(client().read().resource(Patient.class).withId(citizen.getIdElement().getIdPart()).execute().getMeta().getSource())
                .as("written as Bạch Mai's system, with the token the loader obtained").startsWith("urn:nhr:facility:01001");
    }

    @Test
    void aFileTheServerRefusesFailsTheRunAndIsNamed(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("orphan-condition.json"), """
                {"resourceType":"Condition","subject":{"reference":"Patient/no-such-patient-anywhere"},
                 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10"}]}}
                """);

        int code = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token", TestTokens.administrator(), folder.toString());

        assertThat(code).isEqualTo(1);
    }
}
