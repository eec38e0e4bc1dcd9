package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import vn.ehealth.nhr.server.security.ResourceKinds;

import java.util.Set;

/**
 * The access log is history: a merge must not rewrite it. HAPI's {@code Patient/$merge} (and
 * {@code $hapi.fhir.replace-references}) moves every reference to the source record with one
 * transaction of PATCH entries, AuditEvents included; an event then no longer says whose record
 * was read (and HAPI cannot even patch an event naming several entities: HAPI-2704). The PATCH
 * entries aimed at AuditEvents are taken out of that transaction, so the source's events keep naming
 * the source; the merge's own event names both records ({@link PatientMergeAuditInterceptor}).
 *
 * <p>On HAPI's storage interceptor service: the same transaction runs in a background job (no HTTP
 * request) when the merge is large. A caller's own transaction is never touched (nobody may write
 * AuditEvents anyway: {@code RecordWriteRules}).
 */
@Interceptor
public class AuditEventsKeptByMergeInterceptor {

    static final Set<String> REFERENCE_MOVING_OPERATIONS = Set.of("merge", "hapi.fhir.replace-references");

    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void keepAuditEvents(IBaseBundle bundle, RequestDetails request) {
        if (!(bundle instanceof Bundle tx) || tx.getType() != Bundle.BundleType.TRANSACTION || !movesReferences(request)) {
            return;
        }
        tx.getEntry().removeIf(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.PATCH
                && e.getRequest().getUrl() != null && e.getRequest().getUrl().startsWith("AuditEvent/"));
    }

    /** HAPI's reference replacement: inside a merge request, or in its background job. */
    private static boolean movesReferences(RequestDetails request) {
        return request == null || !(request instanceof ServletRequestDetails)
                || REFERENCE_MOVING_OPERATIONS.contains(ResourceKinds.operationName(request));
    }
}
