package vn.ehealth.nhr.server;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.loaders.synthetic.PopulationGenerator;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic population (issue 8) loads into the real server through every rule, as it would for a benchmark:
 * each citizen's transaction, then the discharge papers of their hospital stays as documents.
 */
class SyntheticPopulationIT extends RunningServerTestBase {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aGeneratedPopulationLoadsThroughTheServersRulesAndEachCitizenGetsTheirWholeRecord(@TempDir Path folder) throws Exception {
        // the shared test database keeps earlier runs: a new seed each time, one whose citizen 3 had a hospital stay
        long seed = System.nanoTime() % 1_000_000_000L;
        LocalDate asOf = LocalDate.now();
        while (new PopulationGenerator(FHIR, seed, asOf, 5).citizen(2).dischargeDocuments().isEmpty()) {
            seed++;
        }
        int generated = NhrLoadCommand.run("synthetic-population", "--no-progress", "--citizens", "6", "--seed", Long.toString(seed),
                "--as-of", asOf.toString(), "--out", folder.toString());
        assertThat(generated).isZero();

        int loaded = NhrLoadCommand.run("resources", "--no-progress", "--server", baseUrl(), "--token", TestTokens.administrator(),
                folder.toString());
        assertThat(loaded).as("every generated file accepted by the server, discharge papers included").isZero();

        Bundle citizen = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(folder.resolve("citizen-0000003.json")));
        List<Bundle> papers = new ArrayList<>();
        try (var files = Files.list(folder.resolve("discharge"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("citizen-0000003-")).sorted().toList()) {
                papers.add(FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(f)));
            }
        }
        assertThat(papers).isNotEmpty();
        String cccd = ((Patient) citizen.getEntryFirstRep().getResource()).getIdentifier().stream()
                .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem())).findFirst().orElseThrow().getValue();
        Bundle found = client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, cccd))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as("the papers' citizen is the transaction's, matched by CCCD").hasSize(1);
        String patientId = found.getEntryFirstRep().getResource().getIdElement().getIdPart();

        Bundle everything = client().operation().onInstance("Patient/" + patientId).named("$everything")
                .withParameter(org.hl7.fhir.r4.model.Parameters.class, "_count", new org.hl7.fhir.r4.model.UnsignedIntType(1000))
                .returnResourceType(Bundle.class).execute();
        long ownResources = 0;
        Set<String> stays = new HashSet<>();
        for (Bundle page = everything; page != null;
             page = page.getLink(Bundle.LINK_NEXT) == null ? null : client().loadPage().next(page).execute()) {
            for (Bundle.BundleEntryComponent e : page.getEntry()) {
                // the directory, and the access log of the load and of this test's reads (written in the background)
                if (!List.of("Organization", "Practitioner", "AuditEvent").contains(e.getResource().fhirType())) {
                    ownResources++;
                }
                if (e.getResource() instanceof Encounter enc && "IMP".equals(enc.getClass_().getCode())) {
                    stays.add(enc.getIdentifierFirstRep().getValue());
                }
            }
        }
        // each paper adds its Composition, its stay and its diagnosis; the citizen, facility and doctor are matched
        assertThat(ownResources).as("the citizen's record holds every generated resource")
                .isEqualTo(citizen.getEntry().size() + 3L * papers.size());
        assertThat(stays).as("one Encounter per hospital stay").hasSize(papers.size());
        Bundle compositions = client().search().forResource(Composition.class).where(Composition.PATIENT.hasId(patientId))
                .returnBundle(Bundle.class).execute();
        assertThat(compositions.getEntry()).as("a discharge paper per stay").hasSize(papers.size());
        assertThat(compositions.getEntry()).allSatisfy(e -> assertThat(((Composition) e.getResource()).getType()
                .getCodingFirstRep().getCode()).isEqualTo("18842-5"));
    }
}
