package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.DocumentSignature;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.List;

/**
 * Rule {@code nhr-doc-signature}: a document Bundle that carries a signature is stored only if the
 * signature matches its content (and, with trust anchors configured, comes from a trusted signer).
 * An unsigned document is accepted; the profile says the signature is optional.
 */
@Interceptor
public class DocumentSignatureInterceptor extends StorageWriteRule {

    private final FhirContext fhirContext;
    private final DocumentSignature signatures;

    public DocumentSignatureInterceptor(FhirContext fhirContext, DocumentSignature signatures) {
        this.fhirContext = fhirContext;
        this.signatures = signatures;
    }

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Bundle document) || document.getType() != Bundle.BundleType.DOCUMENT
                || !document.hasSignature()) {
            return;
        }
        List<RuleViolation> problems = signatures.verify(document);
        if (problems.isEmpty()) {
            return;
        }
        MessageLanguage language = RequestLanguage.of(request);
        String location = GuideValidation.relocate("Bundle.signature", WriteValidationOutcome.locationPrefix(request, resource));
        OperationOutcome outcome = new OperationOutcome();
        for (RuleViolation v : problems) {
            WriteValidationOutcome.addIssue(outcome, v, OperationOutcome.IssueSeverity.ERROR,
                    OperationOutcome.IssueType.SECURITY, language, location);
        }
        WriteValidationOutcome.refuse(fhirContext, outcome);
    }
}
