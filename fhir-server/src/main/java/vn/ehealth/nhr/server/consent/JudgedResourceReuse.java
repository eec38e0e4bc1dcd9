package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.interceptor.JpaPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;

import java.util.HashMap;
import java.util.Map;

/**
 * The consent check makes HAPI load each search result twice: once so the rules can judge it
 * ({@code STORAGE_PREACCESS_RESOURCES}, which must run before paging so hidden resources are not
 * counted), once more for the answer. This keeps, for the length of one HTTP request on its thread,
 * the resources loaded for judging, and {@link JudgedResourceReusingLoader} hands each of them to the
 * answer instead of parsing the same stored version again. Each kept resource is handed out once.
 *
 * <p>Not for analysts: what they receive is de-identified on its way out, and HAPI does not look
 * again at a resource instance it has already judged. Kept by (resource, version), so a resource
 * changed in the meantime is loaded afresh; at most {@link #MAX_KEPT} per request.
 */
@Interceptor
public class JudgedResourceReuse {

    static final int MAX_KEPT = 2_000;

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    /** What one request has loaded for judging. */
    static final class Scope {
        private final Map<String, IBaseResource> kept = new HashMap<>();
        private boolean keeping;

        boolean keeping() {
            return keeping;
        }

        void keep(long pid, long version, IBaseResource resource) {
            if (kept.size() < MAX_KEPT) {
                kept.put(pid + "/" + version, resource);
            }
        }

        IBaseResource take(long pid, long version) {
            return kept.remove(pid + "/" + version);
        }

        int size() {
            return kept.size();
        }
    }

    static Scope current() {
        return CURRENT.get();
    }

    /** A fresh scope for every request (a thread's previous request can leave nothing behind). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void open(RequestDetails request) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.is(Accessor.Kind.ANALYST)) {
            CURRENT.remove();
        } else {
            CURRENT.set(new Scope());
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void close() {
        CURRENT.remove();
    }

    /**
     * Runs before HAPI's consent check on the same resources and makes their (lazy) load happen
     * here, marked as loaded for judging.
     */
    @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = -100)
    public void loadForJudging(IPreResourceAccessDetails details) {
        Scope scope = CURRENT.get();
        if (scope == null || !(details instanceof JpaPreResourceAccessDetails) || details.size() == 0) {
            return;
        }
        scope.keeping = true;
        try {
            details.getResource(0); // loads them all
        } finally {
            scope.keeping = false;
        }
    }
}
