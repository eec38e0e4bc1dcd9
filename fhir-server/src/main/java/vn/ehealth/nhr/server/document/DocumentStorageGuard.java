package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.validation.RequestLanguage;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

/**
 * A document Bundle is stored only by {@link DischargeDocumentService}, which stores its entries
 * with it and tags it with its owner: written any other way (inside a transaction or batch, by
 * PATCH…) it would be a document without searchable entries, or one claiming a
 * record it does not belong to. Refused with 422 {@code nhr-doc-send-as-document}, on the storage
 * hooks so every path is covered. Administrators, the sandbox and internal writes (migrations of
 * archived documents) pass.
 */
@Interceptor
public class DocumentStorageGuard {

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -90)
    public void created(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -90)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    void check(IBaseResource resource, RequestDetails request) {
        if (!DischargeDocumentService.isDocument(resource) || request == null
                || request.getUserData().get(DischargeDocumentService.STORING_KEY) == resource) {
            return;
        }
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox() || caller.is(Accessor.Kind.ADMINISTRATOR)) {
            return;
        }
        String location = WriteValidationOutcome.locationPrefix(request, resource);
        OperationOutcome outcome = new OperationOutcome();
        WriteValidationOutcome.addIssue(outcome, DocumentRules.sendAsDocument(), OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.BUSINESSRULE, RequestLanguage.of(request), location == null ? "Bundle" : location);
        throw new UnprocessableEntityException(outcome.getIssueFirstRep().getDetails().getText(), outcome);
    }
}
