package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.loaders.xml130.MappedEpisode;
import vn.ehealth.nhr.loaders.xml130.Xml130Catalogues;
import vn.ehealth.nhr.loaders.xml130.Xml130EpisodeMapper;
import vn.ehealth.nhr.loaders.xml130.Xml130Reader;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The population written as QĐ 130 envelopes maps back, through the hospital-XML loader, to the same citizens and visits. */
class PopulationXml130Test {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);

    /** What the FHIR files say of a visit: the citizen's CCCD, the class, the principal ICD-10 code, prescriptions. */
    private record Visit(String cccd, String encounterClass, String icd10, int prescriptions) {
    }

    @Test
    void theHospitalXmlOfThePopulationMapsToTheSameCitizensVisitsAndDiagnosesAsItsFhirFiles(@TempDir Path out) throws Exception {
        int citizens = 25;
        assertThat(NhrLoadCommand.run("synthetic-population", "--no-progress", "--citizens", Integer.toString(citizens),
                "--seed", "42", "--as-of", AS_OF.toString(), "--xml130", "--out", out.toString())).isZero();

        PopulationGenerator generator = new PopulationGenerator(FHIR, 42, AS_OF, 5);
        Map<String, Visit> expected = new HashMap<>();
        for (int n = 0; n < citizens; n++) {
            SyntheticCitizen c = generator.citizen(n);
            String cccd = cccd((Patient) c.transaction().getEntryFirstRep().getResource());
            List<Bundle> bundles = new ArrayList<>(c.dischargeDocuments());
            bundles.add(c.transaction());
            for (Bundle b : bundles) {
                Map<String, Resource> byUrl = new HashMap<>();
                b.getEntry().forEach(e -> byUrl.put(e.getFullUrl(), e.getResource()));
                for (Bundle.BundleEntryComponent e : b.getEntry()) {
                    if (e.getResource() instanceof Encounter enc) {
                        Condition dx = (Condition) byUrl.get(enc.getDiagnosisFirstRep().getCondition().getReference());
                        long prescriptions = b.getEntry().stream().filter(x -> x.getResource() instanceof MedicationRequest mr
                                && e.getFullUrl().equals(mr.getEncounter().getReference())).count();
                        expected.put(enc.getIdentifierFirstRep().getValue(), new Visit(cccd, enc.getClass_().getCode(),
                                dx.getCode().getCodingFirstRep().getCode(), (int) prescriptions));
                    }
                }
            }
        }
        Map<String, String> licences = new HashMap<>();
        generator.directory().getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Practitioner.class::isInstance)
                .map(Practitioner.class::cast)
                .forEach(p -> licences.put(p.getIdentifierFirstRep().getValue(), p.getIdElement().getIdPart()));
        Xml130EpisodeMapper mapper = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), l -> Optional.ofNullable(licences.get(l)));

        List<MappedEpisode> mapped = new ArrayList<>();
        List<Path> envelopes;
        try (Stream<Path> files = Files.list(out.resolve("xml130"))) {
            envelopes = files.sorted().toList();
        }
        for (Path envelope : envelopes) {
            new Xml130Reader().read(envelope, episode -> mapped.add(mapper.map(episode)));
        }

        assertThat(mapped).as("one HOSO per visit and stay").hasSize(expected.size());
        assertThat(mapped).allSatisfy(m -> assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty());
        int stays = 0;
        for (MappedEpisode m : mapped) {
            Encounter enc = only(m.transaction(), Encounter.class).get(0);
            Visit visit = expected.get(enc.getIdentifierFirstRep().getValue());
            assertThat(visit).as("MA_LK %s", enc.getIdentifierFirstRep().getValue()).isNotNull();
            assertThat(cccd(only(m.transaction(), Patient.class).get(0))).isEqualTo(visit.cccd());
            assertThat(enc.getClass_().getCode()).isEqualTo(visit.encounterClass());
            assertThat(only(m.transaction(), Condition.class)).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                    .contains(visit.icd10());
            assertThat(only(m.transaction(), MedicationRequest.class)).hasSize(visit.prescriptions());
            if ("IMP".equals(visit.encounterClass())) {
                stays++;
                assertThat(only(m.transaction(), Composition.class)).as("the stay's discharge paper (XML7)").hasSize(1);
            }
        }
        assertThat(stays).as("stays among %d citizens", citizens).isPositive();

        GuideValidator validator = GuideValidator.forShippedGuide(FHIR);
        MappedEpisode aStay = mapped.stream().filter(m -> !only(m.transaction(), Composition.class).isEmpty()).findFirst().orElseThrow();
        MappedEpisode aPrescription = mapped.stream().filter(m -> !only(m.transaction(), MedicationRequest.class).isEmpty())
                .findFirst().orElseThrow();
        for (MappedEpisode m : List.of(aStay, aPrescription)) {
            for (Bundle.BundleEntryComponent e : m.transaction().getEntry()) {
                assertThat(validator.validate(e.getResource()).errors()).as(e.getResource().fhirType()).isEmpty();
            }
        }
    }

    private static <T extends Resource> List<T> only(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static String cccd(Patient p) {
        return p.getIdentifier().stream().filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
    }
}
