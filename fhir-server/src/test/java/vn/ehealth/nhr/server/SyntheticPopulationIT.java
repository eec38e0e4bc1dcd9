package vn.ehealth.nhr.server;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic population (issue 8) loads into the real server through every rule, as it would for a benchmark. */
class SyntheticPopulationIT extends RunningServerTestBase {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aGeneratedPopulationLoadsThroughTheServersRulesAndEachCitizenGetsTheirWholeRecord(@TempDir Path folder) throws Exception {
        String seed = Long.toString(System.nanoTime() % 1_000_000_000L); // the shared test database keeps earlier runs
        int generated = NhrLoadCommand.run("synthetic-population", "--no-progress", "--citizens", "6", "--seed", seed,
                "--as-of", LocalDate.now().toString(), "--out", folder.toString());
        assertThat(generated).isZero();

        int loaded = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token", TestTokens.administrator(),
                folder.toString());
        assertThat(loaded).as("every generated file accepted by the server").isZero();

        Bundle citizen = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(folder.resolve("citizen-0000003.json")));
        String cccd = ((Patient) citizen.getEntryFirstRep().getResource()).getIdentifier().stream()
                .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem())).findFirst().orElseThrow().getValue();
        Bundle found = client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, cccd))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        String patientId = found.getEntryFirstRep().getResource().getIdElement().getIdPart();

        Bundle everything = client().operation().onInstance("Patient/" + patientId).named("$everything")
                .withParameter(org.hl7.fhir.r4.model.Parameters.class, "_count", new org.hl7.fhir.r4.model.UnsignedIntType(1000))
                .returnResourceType(Bundle.class).execute();
        long ownResources = 0;
        for (Bundle page = everything; page != null;
             page = page.getLink(Bundle.LINK_NEXT) == null ? null : client().loadPage().next(page).execute()) {
            ownResources += page.getEntry().stream()
                    // the directory, and the access log of the load and of this test's reads (written in the background)
                    .filter(e -> !List.of("Organization", "Practitioner", "AuditEvent").contains(e.getResource().fhirType()))
                    .count();
        }
        assertThat(ownResources).as("the citizen's record holds every generated resource").isEqualTo(citizen.getEntry().size());
    }
}
