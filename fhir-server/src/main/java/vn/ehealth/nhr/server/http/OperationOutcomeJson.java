package vn.ehealth.nhr.server.http;

import org.hl7.fhir.r4.model.OperationOutcome;
import ca.uhn.fhir.context.FhirContext;

/**
 * OperationOutcome bodies for answers given outside HAPI's RestfulServer (servlet filters), so
 * that every error a vendor sees has the same FHIR shape.
 */
public final class OperationOutcomeJson {

    private OperationOutcomeJson() {
    }

    public static String error(String issueType, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(issueType))
                .setDiagnostics(diagnostics);
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(oo);
    }
}
