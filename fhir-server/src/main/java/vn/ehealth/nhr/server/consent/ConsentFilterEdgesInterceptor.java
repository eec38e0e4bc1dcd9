package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.AccessRefusal;
import vn.ehealth.nhr.server.security.ResourceKinds;

/**
 * The edges of HAPI's consent filter, which judges resources on their way out:
 * <ul>
 * <li>callers from whom nothing is hidden skip it, so that counts work for them (HAPI refuses
 * {@code _total=accurate} and {@code _summary=count} on filtered requests, since a count would
 * reveal hidden resources): administrators, the sandbox, and an analyst's {@code _summary=count}
 * (no resource returned, nothing to de-identify);</li>
 * <li>what the filter cannot see is refused to facilities: {@code _has} (a Patient returned because
 * another facility's hidden Observation matched would reveal that Observation) and {@code $meta},
 * which HAPI lets through unfiltered (a hidden resource's security labels say it is sensitive).</li>
 * </ul>
 * Runs before the consent interceptor's own start ({@code POST_PROCESSED} precedes {@code PRE_HANDLED}).
 */
@Interceptor
public class ConsentFilterEdgesInterceptor {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean atTheEdgesOfTheFilter(RequestDetails request) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null) {
            return true;
        }
        boolean seesEverything = caller.isSandbox() || caller.is(Accessor.Kind.ADMINISTRATOR);
        if (seesEverything || (caller.is(Accessor.Kind.ANALYST) && isCountOnly(request))) {
            ConsentInterceptor.skipAllConsentForRequest(request);
            return true;
        }
        if (caller.accessor() != null && caller.accessor().actsForFacility()) {
            if (request.getParameters() != null && request.getParameters().keySet().stream().anyMatch(p -> p.startsWith("_has"))) {
                throw AccessRefusal.forbidden(request, "nhr-access-reverse-chain",
                        "Tìm kiếm ngược _has không được dùng cho cơ sở KBCB: kết quả có thể để lộ dữ liệu của cơ sở khác mà "
                                + "công dân chưa đồng ý chia sẻ. Hãy tìm trực tiếp loại tài nguyên cần (ví dụ Observation?code=...).",
                        "Reverse chaining (_has) is not available to facilities: its results could reveal other facilities' data "
                                + "the citizen has not shared. Search the resource type itself (e.g. Observation?code=...).");
            }
            if ("meta".equals(ResourceKinds.operationName(request)) && request.getId() != null) {
                throw AccessRefusal.forbidden(request, "nhr-access-meta-unfiltered",
                        "$meta của một tài nguyên chỉ dành cho quản trị viên; hãy đọc chính tài nguyên đó (meta có trong kết quả).",
                        "$meta of a resource is for administrators; read the resource itself (its meta comes with it).");
            }
        }
        return true;
    }

    private static boolean isCountOnly(RequestDetails request) {
        String[] summary = request.getParameters() == null ? null : request.getParameters().get(Constants.PARAM_SUMMARY);
        return summary != null && summary.length == 1 && "count".equals(summary[0])
                && request.getParameters().keySet().stream().noneMatch(p -> p.equals("_include") || p.equals("_revinclude"));
    }
}
