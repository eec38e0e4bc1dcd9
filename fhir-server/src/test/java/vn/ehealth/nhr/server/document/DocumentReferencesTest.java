package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentReferencesTest {

    @Test
    void everyReferenceOfTheGuidesExampleResolvesToAnEntry() {
        Bundle document = DocumentExamples.anDischargeDocument();

        List<DocumentReferences.Link> links = DocumentReferences.of(document);

        assertThat(links).isNotEmpty().allSatisfy(l -> assertThat(l.resolved()).as(l.path()).isTrue());
        assertThat(DocumentReferences.unresolved(document)).isEmpty();
        // Composition.encounter -> the Encounter entry (index 2)
        assertThat(links).anySatisfy(l -> {
            assertThat(l.path()).isEqualTo("Bundle.entry[0].resource.encounter");
            assertThat(l.target()).isEqualTo(2);
        });
        // repeating elements carry their index, as FHIRPath locations do
        assertThat(links).extracting(DocumentReferences.Link::path)
                .contains("Bundle.entry[0].resource.section[1].entry[0]", "Bundle.entry[0].resource.author[0]");
    }

    @Test
    void aReferenceToAResourceOutsideTheDocumentIsNamedWithItsEntryAndPath() {
        Bundle document = DocumentExamples.anDischargeDocument();
        ((Composition) document.getEntry().get(0).getResource()).getEncounter().setReference("Encounter/khong-co");

        List<DocumentReferences.Link> unresolved = DocumentReferences.unresolved(document);

        assertThat(unresolved).singleElement().satisfies(l -> {
            assertThat(l.entry()).isZero();
            assertThat(l.path()).isEqualTo("Bundle.entry[0].resource.encounter");
            assertThat(l.reference().getReference()).isEqualTo("Encounter/khong-co");
        });
    }

    @Test
    void referencesMatchByExactFullUrlOrByTypeAndIdAtTheEndOfAnHttpFullUrl() {
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        document.addEntry().setFullUrl("urn:uuid:5c1a3f7e-0000-4000-8000-000000000001").setResource(new Encounter());
        document.addEntry().setFullUrl("https://his.example.vn/fhir/Patient/p-1").setResource(new org.hl7.fhir.r4.model.Patient());

        var index = DocumentReferences.index(document);

        assertThat(DocumentReferences.resolve(index, "urn:uuid:5c1a3f7e-0000-4000-8000-000000000001")).isZero();
        assertThat(DocumentReferences.resolve(index, "Patient/p-1")).isEqualTo(1);
        assertThat(DocumentReferences.resolve(index, "Patient/p-1/_history/3")).isEqualTo(1);
        assertThat(DocumentReferences.resolve(index, "https://his.example.vn/fhir/Patient/p-1")).isEqualTo(1);
        assertThat(DocumentReferences.resolve(index, "Patient/p-2")).isEqualTo(-1);
        assertThat(DocumentReferences.resolve(index, "Encounter/5c1a3f7e")).isEqualTo(-1); // a urn:uuid has no Type/id
    }

    @Test
    void containedReferencesAndIdentifierOnlyReferencesAreNotLinks() {
        Bundle document = DocumentExamples.anDischargeDocument();
        Encounter encounter = (Encounter) document.getEntry().get(2).getResource();
        encounter.getHospitalization().getOrigin().setReference("#origin"); // hospitalization.origin carries an identifier only

        assertThat(DocumentReferences.of(document)).extracting(DocumentReferences.Link::path)
                .doesNotContain("Bundle.entry[2].resource.hospitalization.origin");
        assertThat(DocumentReferences.unresolved(document)).isEmpty();
    }
}
