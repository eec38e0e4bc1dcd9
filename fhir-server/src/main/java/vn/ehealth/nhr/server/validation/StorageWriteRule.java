package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A rule checked on every resource just before it is stored (create, update, PATCH result,
 * transaction or batch entry). Subclasses say what to check; the hooks, and remembering the
 * transaction Bundle so problems can point at their entry, are here once. Public so that the
 * record rules of other packages (prescriptions, immunizations) share the same hooks.
 */
public abstract class StorageWriteRule {

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void transactionStarts(IBaseBundle transaction, RequestDetails request) {
        WriteValidationOutcome.rememberTransaction(transaction, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        checkUpdate(previous, resource, request);
    }

    /** Throws (422 via {@link WriteValidationOutcome#refuse}, 409 via {@link WriteValidationOutcome#refuseAsConflict}) to refuse the write. */
    protected abstract void check(IBaseResource resource, RequestDetails request);

    /** An update, for rules that compare with the stored version; by default judged like a create. */
    protected void checkUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }
}
