package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentTransactionTest {

    private final Bundle document = DocumentExamples.anDischargeDocument();
    private final String documentAsSent = DocumentExamples.FHIR.newJsonParser().encodeResourceToString(document);
    private final DocumentTransaction.Built built = DocumentTransaction.of(document);
    private final Bundle tx = built.transaction();

    @Test
    void oneCreateForEachEntryInTheDocumentsOrderWithFreshPlaceholders() {
        assertThat(tx.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(tx.getEntry()).hasSameSizeAs(document.getEntry());
        for (int i = 0; i < tx.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = tx.getEntry().get(i);
            assertThat(entry.getResource().fhirType()).isEqualTo(document.getEntry().get(i).getResource().fhirType());
            assertThat(entry.getFullUrl()).startsWith(entry.getResource().fhirType() + "/nhrdoc-")
                    .isNotEqualTo(document.getEntry().get(i).getFullUrl());
            assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
            assertThat(entry.getRequest().getUrl()).isEqualTo(entry.getResource().fhirType());
            assertThat(entry.getResource().getIdElement().isEmpty()).as("the server assigns ids").isTrue();
        }
    }

    @Test
    void theCitizenIsMatchedByCccdTheFacilityByCodeThePractitionerByLicenceTheVisitByMaLkTheRestIsCreated() {
        assertThat(tx.getEntry().get(1).getRequest().getIfNoneExist())
                .isEqualTo("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|001085012345");
        assertThat(tx.getEntry().get(6).getRequest().getIfNoneExist())
                .isEqualTo("identifier=" + NhrIdentifierSystems.FACILITY_CODE + "|01001");
        assertThat(tx.getEntry().get(7).getRequest().getIfNoneExist()).startsWith("identifier=" + NhrIdentifierSystems.PRACTITIONER_LICENCE + "|");
        // the visit, by its MA_LK: one already on file is the document's visit
        assertThat(tx.getEntry().get(2).getResource().fhirType()).isEqualTo("Encounter");
        assertThat(tx.getEntry().get(2).getRequest().getIfNoneExist())
                .startsWith("identifier=" + NhrIdentifierSystems.TREATMENT_EPISODE_PREFIX + "01001|");
        for (int i : new int[] {0, 3, 4, 5}) {
            assertThat(tx.getEntry().get(i).getRequest().hasIfNoneExist()).as("entry %d", i).isFalse();
        }
        assertThat(built.subjectEntry()).isEqualTo(1);
    }

    @Test
    void referencesBetweenEntriesPointAtThePlaceholdersAndOrganisationReferencesCarryTheFacilityCode() {
        Composition composition = (Composition) tx.getEntry().get(0).getResource();
        assertThat(composition.getSubject().getReference()).isEqualTo(tx.getEntry().get(1).getFullUrl());
        assertThat(composition.getEncounter().getReference()).isEqualTo(tx.getEntry().get(2).getFullUrl());
        assertThat(composition.getSection().get(1).getEntry()).extracting(Reference::getReference)
                .containsExactly(tx.getEntry().get(3).getFullUrl(), tx.getEntry().get(4).getFullUrl());
        Reference custodian = composition.getCustodian();
        assertThat(custodian.getReference()).isEqualTo(tx.getEntry().get(6).getFullUrl());
        assertThat(custodian.getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.FACILITY_CODE);
        assertThat(custodian.getIdentifier().getValue()).isEqualTo("01001");
        assertThat(((Condition) tx.getEntry().get(3).getResource()).getSubject().getReference())
                .isEqualTo(tx.getEntry().get(1).getFullUrl());
    }

    @Test
    void theDocumentItselfIsLeftAsSent() {
        assertThat(DocumentExamples.FHIR.newJsonParser().encodeResourceToString(document)).isEqualTo(documentAsSent);
        assertThat(((Patient) document.getEntry().get(1).getResource()).getIdElement().getIdPart()).isEqualTo("nguyen-van-an");
    }

    @Test
    void withoutCompositionSubjectTheFirstPatientIsTheSubject() {
        Bundle d = DocumentExamples.anDischargeDocument();
        ((Composition) d.getEntry().get(0).getResource()).setSubject(null);
        assertThat(DocumentTransaction.subjectEntry(d)).isEqualTo(1);
        d.getEntry().remove(1);
        assertThat(DocumentTransaction.subjectEntry(d)).isEqualTo(-1);
    }
}
