package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose record a stored document is: the server's tag, not the sender's Patient id. */
class RecordCompartmentsTest {

    private final RecordCompartments compartments = new RecordCompartments(FhirContext.forR4Cached());

    private static Bundle document() {
        Bundle d = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        Patient p = new Patient();
        p.setId("nguyen-van-an"); // the sender's id
        d.addEntry().setFullUrl("https://his.example.vn/fhir/Patient/nguyen-van-an").setResource(p);
        return d;
    }

    @Test
    void aTaggedDocumentBelongsToThePatientTheServerMatchedItTo() {
        Bundle d = document();
        d.getMeta().addTag(RecordCompartments.DOCUMENT_SUBJECT_TAG, "Patient/1234", null);

        assertThat(compartments.owners(d)).containsExactly("1234");
        assertThat(RecordCompartments.documentSubjects(d)).containsExactly("1234");
    }

    @Test
    void anUntaggedBundleBelongsToTheOwnersOfItsEntries() {
        assertThat(compartments.owners(document())).containsExactly("nguyen-van-an");
        Bundle other = document();
        other.getMeta().addTag("http://example.org/tags", "Patient/1234", null);
        assertThat(compartments.owners(other)).containsExactly("nguyen-van-an");
    }

    @Test
    void aResourceIsAboutItsSubjectNotEveryoneInItsCompartments() {
        RecordCompartments compartments = new RecordCompartments(ConsentFixtures.FHIR);
        org.hl7.fhir.r4.model.Condition reported = ConsentFixtures.anPneumonia();
        reported.setAsserter(new org.hl7.fhir.r4.model.Reference("Patient/tran-thi-bich"));
        assertThat(compartments.owners(reported)).containsExactlyInAnyOrder("nguyen-van-an", "tran-thi-bich");
        assertThat(compartments.subjects(reported)).containsExactly("nguyen-van-an");
        // a Schedule has no subject: whoever it belongs to
        org.hl7.fhir.r4.model.Schedule schedule = new org.hl7.fhir.r4.model.Schedule();
        schedule.addActor(new org.hl7.fhir.r4.model.Reference("Patient/nguyen-van-an"));
        assertThat(compartments.subjects(schedule)).containsExactly("nguyen-van-an");

        assertThat(compartments.isSubjectParameter("Observation", "patient")).isTrue();
        assertThat(compartments.isSubjectParameter("Observation", "subject")).isTrue();
        assertThat(compartments.isSubjectParameter("Observation", "performer")).isFalse();
        assertThat(compartments.isSubjectParameter("Condition", "patient")).isTrue();
        assertThat(compartments.isSubjectParameter("Condition", "asserter")).isFalse();
        assertThat(compartments.isSubjectParameter("Schedule", "actor")).isFalse();
        assertThat(compartments.isSubjectParameter("Encounter", "no-such-parameter")).isFalse();
        assertThat(compartments.isSubjectParameter("Coverage", "patient")).isTrue();
    }
}
