package vn.ehealth.nhr.server.operations.everything;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EverythingNarrowingInterceptorTest {

    @Test
    void theStoredSearchGivesBackTypesAndPatient() {
        // as HAPI normalizes it: sorted keys, commas inside a value escaped then URL-encoded
        EverythingNarrowingInterceptor.Narrowing n =
                EverythingNarrowingInterceptor.fromQueryString("?_id=1250&_type=Encounter%5C%2CCondition");
        assertThat(n.types()).containsExactlyInAnyOrder("Encounter", "Condition");
        assertThat(n.patientIds()).containsExactly("1250");
        assertThat(EverythingNarrowingInterceptor.fromQueryString("?_id=7").types()).isEmpty();
        assertThat(EverythingNarrowingInterceptor.fromQueryString(null).types()).isEmpty();
    }

    @Test
    void keepsTheListedTypesWhatChangedSinceAndThePatientItself() {
        Date since = new InstantType("2026-11-26T10:00:00Z").getValue();
        EverythingNarrowingInterceptor.Narrowing n = new EverythingNarrowingInterceptor.Narrowing(
                Set.of("Encounter", "Condition"), Set.of("p1"), since);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.getMeta().setLastUpdated(new InstantType("2020-01-01T00:00:00Z").getValue());
        Encounter recent = new Encounter();
        recent.getMeta().setLastUpdated(new InstantType("2026-11-26T10:00:01Z").getValue());
        Condition old = new Condition();
        old.getMeta().setLastUpdated(new InstantType("2026-11-26T09:59:59Z").getValue());
        Practitioner doctor = new Practitioner();
        doctor.getMeta().setLastUpdated(new InstantType("2026-11-26T11:00:00Z").getValue());

        assertThat(n.keeps(patient)).isTrue();
        assertThat(n.keeps(recent)).isTrue();
        assertThat(n.keeps(old)).isFalse();
        assertThat(n.keeps(doctor)).isFalse();
        Patient mother = new Patient();
        mother.setId("p2");
        assertThat(n.keeps(mother)).isFalse();
    }

    @Test
    void onlyALowerBoundOfLastUpdatedNarrows() {
        assertThat(EverythingNarrowingInterceptor.lowerBound("ge2026-11-26T10:00:00Z"))
                .isEqualTo(new InstantType("2026-11-26T10:00:00Z").getValue());
        assertThat(EverythingNarrowingInterceptor.lowerBound("le2026-11-26T10:00:00Z")).isNull();
        assertThat(EverythingNarrowingInterceptor.lowerBound("not a date")).isNull();
        assertThat(EverythingNarrowingInterceptor.lowerBound(null)).isNull();
    }

    @Test
    void withoutTypeEverythingButTheAccessLogIsKeptAndATypeAskedForStays() {
        org.hl7.fhir.r4.model.AuditEvent log = new org.hl7.fhir.r4.model.AuditEvent();
        Encounter visit = new Encounter();
        Practitioner doctor = new Practitioner();
        EverythingNarrowingInterceptor.Narrowing none = EverythingNarrowingInterceptor.Narrowing.NONE;
        assertThat(none.keeps(visit)).isTrue();
        assertThat(none.keeps(doctor)).isTrue();
        assertThat(none.keeps(log)).as("the access log, unasked").isFalse();
        EverythingNarrowingInterceptor.Narrowing asked = new EverythingNarrowingInterceptor.Narrowing(Set.of("AuditEvent"), Set.of(), null);
        assertThat(asked.keeps(log)).isTrue();
        assertThat(asked.keeps(visit)).isFalse();
        // a later page of a search that named no _type keeps leaving it out
        assertThat(EverythingNarrowingInterceptor.fromQueryString("?_id=7").keeps(log)).isFalse();
    }
}
