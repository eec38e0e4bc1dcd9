package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a write tells the other replicas, and how they read it back. */
class LookupEvictionTest {

    @Test
    void anEvictionSurvivesThePayloadRoundTrip() {
        LookupEviction consents = new LookupEviction(LookupEviction.Kind.CONSENTS, "nguyen-van-an", List.of());
        LookupEviction patient = new LookupEviction(LookupEviction.Kind.PATIENT, "42", List.of("001080012345", "079190000123"));
        LookupEviction byCccdOnly = new LookupEviction(LookupEviction.Kind.CONSENTS, null, List.of("001080012345"));

        assertThat(patient.encode()).isEqualTo("P|42|001080012345,079190000123");
        for (LookupEviction e : List.of(consents, patient, byCccdOnly)) {
            assertThat(LookupEviction.decode(e.encode())).contains(e);
        }
    }

    @Test
    void anotherSendersMessageOnTheChannelIsIgnored() {
        assertThat(LookupEviction.decode("hello")).isEmpty();
        assertThat(LookupEviction.decode("X|1|2")).isEmpty();
        assertThat(LookupEviction.decode(null)).isEmpty();
    }

    @Test
    void writingAConsentOrAPatientAnnouncesWhatItMadeStaleAndNothingElseIsAnnounced() {
        CachingCitizenRecordLookup lookup = new CachingCitizenRecordLookup(null, Duration.ofSeconds(30), Duration.ofMinutes(5), 10);
        List<LookupEviction> told = new ArrayList<>();
        lookup.broadcastEvictionsWith(told::add);

        Consent byId = new Consent();
        byId.setPatient(new Reference("Patient/nguyen-van-an"));
        Consent byCccd = new Consent();
        byCccd.setPatient(new Reference().setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue("001080012345")));
        Patient patient = new Patient();
        patient.setId("Patient/42");
        patient.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue("079190000123");
        patient.addIdentifier().setSystem("urn:other").setValue("x");

        lookup.created(byId);
        lookup.updated(byCccd, byCccd);
        lookup.deleted(patient);
        lookup.created(new Observation());

        assertThat(told).containsExactly(
                new LookupEviction(LookupEviction.Kind.CONSENTS, "nguyen-van-an", List.of()),
                new LookupEviction(LookupEviction.Kind.CONSENTS, null, List.of("001080012345")),
                new LookupEviction(LookupEviction.Kind.CONSENTS, null, List.of("001080012345")),
                new LookupEviction(LookupEviction.Kind.PATIENT, "42", List.of("079190000123")));
    }
}
