package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10NamesTest {

    /** The catalogue: two codes. */
    private final IValidationSupport catalogue = new IValidationSupport() {
        private final Map<String, String> names = Map.of("I10", "Bệnh lý tăng huyết áp", "J18.9", "Viêm phổi, không đặc hiệu");

        @Override
        public FhirContext getFhirContext() {
            return FhirContext.forR4Cached();
        }

        @Override
        public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
            String name = Icd10Names.ICD10.equals(request.getSystem()) ? names.get(request.getCode()) : null;
            LookupCodeResult result = new LookupCodeResult().setFound(name != null)
                    .setSearchedForSystem(request.getSystem()).setSearchedForCode(request.getCode());
            result.setCodeDisplay(name);
            return result;
        }
    };

    private static Bundle documentWith(Coding... codings) {
        Bundle d = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        d.addEntry().setResource(new Condition().setCode(new CodeableConcept().setCoding(java.util.List.of(codings))));
        return d;
    }

    private static Coding coding(Bundle d, int i) {
        return ((Condition) d.getEntry().get(0).getResource()).getCode().getCoding().get(i);
    }

    @Test
    void aCodeSentWithoutANameGetsTheCataloguesVietnameseName() {
        Bundle d = documentWith(new Coding(Icd10Names.ICD10, "I10", null), new Coding(Icd10Names.ICD10, "J18.9", "tên do bệnh viện ghi"));

        new Icd10Names(catalogue).fillIn(d);

        assertThat(coding(d, 0).getDisplay()).isEqualTo("Bệnh lý tăng huyết áp");
        assertThat(coding(d, 1).getDisplay()).as("a name sent is kept").isEqualTo("tên do bệnh viện ghi");
    }

    @Test
    void unknownCodesOtherSystemsAndAFailingCatalogueLeaveTheCodingAsSent() {
        Bundle d = documentWith(new Coding(Icd10Names.ICD10, "Z99.99", null), new Coding("http://snomed.info/sct", "38341003", null));
        new Icd10Names(catalogue).fillIn(d);
        assertThat(coding(d, 0).hasDisplay()).isFalse();
        assertThat(coding(d, 1).hasDisplay()).isFalse();

        IValidationSupport broken = new IValidationSupport() {
            @Override
            public FhirContext getFhirContext() {
                return FhirContext.forR4Cached();
            }

            @Override
            public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
                throw new IllegalStateException("terminology down");
            }
        };
        Bundle e = documentWith(new Coding(Icd10Names.ICD10, "I10", null));
        new Icd10Names(broken).fillIn(e);
        assertThat(coding(e, 0).hasDisplay()).isFalse();
    }
}
