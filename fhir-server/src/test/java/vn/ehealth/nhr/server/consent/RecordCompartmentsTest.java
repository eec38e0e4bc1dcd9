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
}
