package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic envelope of the throughput benchmark exercises the clinical-document tables and maps cleanly. */
class Xml130GenerateCommandTest {

    private static List<String> types(Bundle tx) {
        return tx.getEntry().stream().map(e -> e.getResource().fhirType()).toList();
    }

    @Test
    void generatedEpisodesCarryNotesDischargePapersAndSomeReferralsThatConformToTheGuide(@TempDir Path dir) throws Exception {
        Xml130GenerateCommand generate = new Xml130GenerateCommand();
        generate.file = dir.resolve("gen.xml");
        generate.episodes = 10;
        generate.facility = "01001";
        generate.licence = "000123/HNO-CCHN";
        generate.seed = 7L;
        assertThat(generate.call()).isZero();

        List<Xml130Episode> episodes = new ArrayList<>();
        new Xml130Reader().read(generate.file, episodes::add);
        Xml130EpisodeMapper mapper = new Xml130EpisodeMapper(Xml130Catalogues.shipped(),
                licence -> "000123/HNO-CCHN".equals(licence) ? Optional.of("bs-le-van-cuong") : Optional.empty());
        List<MappedEpisode> mapped = episodes.stream().map(mapper::map).toList();

        assertThat(mapped).hasSize(10).allSatisfy(m -> assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty());
        assertThat(mapped).allSatisfy(m -> assertThat(types(m.transaction())).contains("ClinicalImpression", "Composition"));
        assertThat(mapped).filteredOn(m -> types(m.transaction()).contains("ServiceRequest")).hasSize(1);

        // the seventh a child whose paper names the parents and a temporary card; every fifth a contrast CT
        assertThat(mapped).filteredOn(m -> types(m.transaction()).contains("RelatedPerson")).hasSize(1);
        assertThat(types(mapped.get(6).transaction())).containsSubsequence("RelatedPerson", "RelatedPerson")
                .filteredOn("Coverage"::equals).hasSize(2);
        assertThat(mapped.get(4).transaction().getEntry()).filteredOn(e -> e.getResource() instanceof MedicationRequest r
                && r.hasSupportingInformation()).hasSize(1);

        GuideValidator validator = GuideValidator.forShippedGuide(FhirContext.forR4Cached());
        for (MappedEpisode m : List.of(mapped.get(6), mapped.get(9))) {
            for (Bundle.BundleEntryComponent entry : m.transaction().getEntry()) {
                Resource r = entry.getResource();
                assertThat(validator.validate(r).errors()).as(r.fhirType()).isEmpty();
            }
        }
    }
}
