package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What an earlier load stored but the corrected file no longer has is withdrawn in the same transaction. */
class RemovedRowsTest {

    private static final String ROWS = EpisodeMapping.ROW_SYSTEM_PREFIX + "01001";

    @Test
    void storedRowResourcesTheFileNoLongerHasAreMarkedEnteredInErrorAndNothingElseIs() throws Exception {
        Xml130Episode episode = Xml130TestFiles.read("envelope-3-episodes.xml").get(0);
        String maLk = episode.maLk();
        List<Resource> stored = new ArrayList<>();
        // what the file still has, as stored by the first load
        MappedEpisode mapped = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), l -> Optional.of("bs")).map(episode);
        int n = 0;
        for (Bundle.BundleEntryComponent e : mapped.transaction().getEntry()) {
            Resource r = e.getResource().copy();
            r.setId(r.fhirType() + "/" + ++n);
            stored.add(r);
        }
        // a drug line and a secondary diagnosis the corrected file dropped
        MedicationRequest gone = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        gone.addIdentifier().setSystem(ROWS).setValue(maLk + "/XML2/9");
        gone.setId("MedicationRequest/gone-1");
        gone.getMeta().setVersionId("3");
        stored.add(gone);
        Condition goneDx = new Condition().setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        goneDx.addIdentifier().setSystem(ROWS).setValue(maLk + "/XML1/K29.7");
        goneDx.setId("Condition/gone-2");
        stored.add(goneDx);
        // withdrawn by an earlier reload already; written by the EMR through FHIR; another episode's row
        Observation already = new Observation().setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        already.addIdentifier().setSystem(ROWS).setValue(maLk + "/XML4/8");
        already.setId("Observation/old");
        stored.add(already);
        Observation emr = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        emr.addIdentifier().setSystem("urn:emr").setValue("x");
        emr.setId("Observation/emr");
        stored.add(emr);
        Observation otherEpisode = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        otherEpisode.addIdentifier().setSystem(ROWS).setValue("BM0000000000/XML4/1");
        otherEpisode.setId("Observation/other");
        stored.add(otherEpisode);

        List<String> asked = new ArrayList<>();
        List<Bundle> sent = new ArrayList<>();
        Xml130Loader loader = new Xml130Loader(new Xml130EpisodeMapper(Xml130Catalogues.shipped(), l -> Optional.of("bs")), tx -> {
            sent.add(tx);
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            tx.getEntry().forEach(e -> response.addEntry().getResponse().setStatus("200 OK").setLocation("Encounter/1/_history/2"));
            return Xml130Loader.Answer.accepted(response);
        }, (system, key) -> {
            asked.add(system + "|" + key);
            return stored;
        });

        Xml130Report.EpisodeOutcome outcome = loader.load(episode);

        assertThat(asked).containsExactly("http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001|" + maLk);
        assertThat(outcome.status()).isEqualTo(Xml130Report.Status.UPDATED);
        assertThat(outcome.removedRows()).isEqualTo(2);
        Bundle tx = sent.get(0);
        assertThat(tx.getEntry()).hasSize(mapped.transaction().getEntry().size() + 2);
        List<Bundle.BundleEntryComponent> withdrawals = tx.getEntry().subList(tx.getEntry().size() - 2, tx.getEntry().size());
        assertThat(withdrawals).extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .containsExactly("PUT MedicationRequest/gone-1", "PUT Condition/gone-2");
        MedicationRequest m = (MedicationRequest) withdrawals.get(0).getResource();
        assertThat(m.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
        assertThat(m.getMeta().getVersionId()).isNull();
        Condition c = (Condition) withdrawals.get(1).getResource();
        assertThat(c.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("entered-in-error");
        assertThat(c.hasClinicalStatus()).isFalse();
        // the stored copies are left as they were
        assertThat(gone.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.COMPLETED);
    }

    @Test
    void aFirstLoadAsksOnceAndAddsNothing() throws Exception {
        Xml130Episode episode = Xml130TestFiles.read("envelope-3-episodes.xml").get(1);
        MappedEpisode mapped = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), l -> Optional.of("bs")).map(episode);
        int before = mapped.transaction().getEntry().size();

        assertThat(RemovedRows.withdrawGone(mapped, (system, key) -> List.of()).transaction().getEntry()).hasSize(before);
    }

    @Test
    void aParentTheCorrectedPaperNoLongerNamesIsNoLongerActive() throws Exception {
        Xml130Episode episode = Xml130TestFiles.read("envelope-3-episodes.xml").get(1);
        String maLk = episode.maLk();
        assertThat(EpisodeInventory.relativeKeys(maLk)).contains(maLk + "/XML7/FTH", maLk + "/XML8/GUARD").hasSize(6);
        assertThat(EpisodeInventory.rowSystem("http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001")).isEqualTo(ROWS);
        MappedEpisode mapped = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), l -> Optional.of("bs")).map(episode);
        RelatedPerson father = new RelatedPerson().setActive(true);
        father.addIdentifier().setSystem(ROWS).setValue(maLk + "/XML7/FTH");
        father.setId("RelatedPerson/cha-1");
        RelatedPerson inactive = new RelatedPerson().setActive(false);
        inactive.addIdentifier().setSystem(ROWS).setValue(maLk + "/XML8/GUARD");
        inactive.setId("RelatedPerson/giam-ho-1");

        Bundle tx = RemovedRows.withdrawGone(mapped, (system, key) -> List.of(father, inactive)).transaction();

        Bundle.BundleEntryComponent last = tx.getEntry().get(tx.getEntry().size() - 1);
        assertThat(last.getRequest().getMethod() + " " + last.getRequest().getUrl()).isEqualTo("PUT RelatedPerson/cha-1");
        assertThat(((RelatedPerson) last.getResource()).getActive()).isFalse();
        assertThat(RemovedRows.count(tx)).isEqualTo(1);
    }
}
