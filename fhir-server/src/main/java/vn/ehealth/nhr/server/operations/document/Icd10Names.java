package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * The printed paper names every diagnosis in Vietnamese: an ICD-10 code the document sent without
 * a name gets the name of the national catalogue (QĐ 4469, stored on this server), looked up
 * through HAPI's terminology services. A code the catalogue does not know is printed as sent.
 */
public class Icd10Names {

    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    private final IValidationSupport terminology;

    public Icd10Names(IValidationSupport terminology) {
        this.terminology = terminology;
    }

    /** Fills in missing displays of the document's Conditions (the Bundle is the caller's own copy). */
    public void fillIn(Bundle document) {
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            if (entry.getResource() instanceof Condition condition) {
                for (Coding coding : condition.getCode().getCoding()) {
                    if (ICD10.equals(coding.getSystem()) && coding.hasCode() && !coding.hasDisplay()) {
                        String name = nameOf(coding.getCode().strip());
                        if (name != null) {
                            coding.setDisplay(name);
                        }
                    }
                }
            }
        }
    }

    private String nameOf(String code) {
        try {
            IValidationSupport.LookupCodeResult result =
                    terminology.lookupCode(new ValidationSupportContext(terminology), new LookupCodeRequest(ICD10, code));
            return result != null && result.isFound() ? result.getCodeDisplay() : null;
        } catch (RuntimeException unknown) {
            return null; // a printout never fails for want of a name
        }
    }
}
