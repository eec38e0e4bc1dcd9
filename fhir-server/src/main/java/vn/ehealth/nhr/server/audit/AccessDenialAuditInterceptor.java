package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ehealth.nhr.server.config.RestfulServerConfig;
import vn.ehealth.nhr.server.security.AccessRefusal;

import java.util.Set;

/**
 * Audits refused attempts: every 401 and 403 HAPI answers (scopes, consent, role rules), and,
 * through {@link #recordRejectedToken}, the tokens Spring Security rejects before HAPI. The event
 * has BALP's shape with outcome 4 (minor failure) and the reason given to the caller; when the
 * request was about a patient, it names them, so the citizen sees attempts on their record too.
 *
 * <p>Register on the RestfulServer ({@code SERVER_HANDLE_EXCEPTION} is a REST-server pointcut).
 */
@Interceptor
public class AccessDenialAuditInterceptor {

    static final String REJECTED_TOKEN_USER = "unknown (token rejected)";

    private static final Set<Integer> AUDITED = Set.of(401, 403);
    private static final Logger LOG = LoggerFactory.getLogger(AccessDenialAuditInterceptor.class);

    private final IBalpAuditEventSink sink;
    private final AuditContextServices services;

    public AccessDenialAuditInterceptor(IBalpAuditEventSink sink, AuditContextServices services) {
        this.sink = sink;
        this.services = services;
    }

    /** Returns true: the exception is still answered as usual. */
    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException exception) {
        if (AUDITED.contains(exception.getStatusCode())) {
            try {
                AuditEvent event = refusal(AuditedRequest.of(request, services), exception.getMessage());
                // the record(s) a refused resource belongs to, as the access rules found them
                AccessRefusal.patientsConcerned(request).forEach(patient -> AuditEvents.addPatient(event, patient));
                sink.recordAuditEvent(event);
            } catch (RuntimeException e) { // the caller gets their 401/403 whatever happens here
                LOG.error("Could not audit a refused request ({} {}): {}", exception.getStatusCode(),
                        request.getCompleteUrl(), e.toString());
            }
        }
        return true;
    }

    /**
     * A 401 decided before HAPI (the bearer token is invalid, expired, or not of this realm): nothing
     * about the caller can be trusted, so the user is "unknown (token rejected)".
     */
    public void recordRejectedToken(HttpServletRequest http, String reason) {
        try {
            AuditedRequest request = AuditedRequest.ofServletRequest(http, RestfulServerConfig.FHIR_PATH,
                    new Reference().setDisplay("unknown"), new Reference().setDisplay(REJECTED_TOKEN_USER));
            sink.recordAuditEvent(refusal(request, "401: " + (reason == null ? "token rejected" : reason)));
        } catch (RuntimeException e) {
            LOG.error("Could not audit a rejected token ({}): {}", http.getRequestURI(), e.toString());
        }
    }

    static AuditEvent refusal(AuditedRequest request, String reason) {
        Set<String> patients = request.namedPatients();
        BalpProfileEnum profile = AuditEvents.profile(request.operation(), !patients.isEmpty());
        AuditEvent event = AuditEvents.event(profile, request);
        AuditEvents.failed(event, reason);
        if (profile.getAction() == AuditEvent.AuditEventAction.E) {
            AuditEvents.addQuery(event, request);
        }
        if (request.resourceType() != null && request.idPart() != null && !"Patient".equals(request.resourceType())) {
            AuditEvents.addData(event, request.resourceType() + "/" + request.idPart());
        }
        patients.forEach(patient -> AuditEvents.addPatient(event, patient));
        return event;
    }
}
