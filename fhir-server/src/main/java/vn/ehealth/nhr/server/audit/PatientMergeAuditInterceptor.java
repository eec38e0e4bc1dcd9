package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ehealth.nhr.server.patient.PatientMergeInterceptor;

/**
 * One AuditEvent per {@code Patient/$merge} that HAPI ran: both records as patient entities (so the
 * merge appears in the access log of each), the administrator as the requesting user, the lifecycle
 * code {@code merge}, and HAPI's outcome (a merge HAPI refused inside its Parameters answer is
 * recorded as failed, with the reason). The changes themselves are in HAPI's Provenance and in the
 * BALP update events of each record changed.
 */
@Interceptor
public class PatientMergeAuditInterceptor {

    static final String LIFECYCLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";

    private static final Logger LOG = LoggerFactory.getLogger(PatientMergeAuditInterceptor.class);

    private final IBalpAuditEventSink sink;
    private final AuditContextServices services;

    public PatientMergeAuditInterceptor(IBalpAuditEventSink sink, AuditContextServices services) {
        this.sink = sink;
        this.services = services;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void merged(RequestDetails request, ResponseDetails response) {
        if (!(request.getUserData().get(PatientMergeInterceptor.MERGED) instanceof PatientMergeInterceptor.MergedPatients merged)) {
            return;
        }
        try {
            sink.recordAuditEvent(event(AuditedRequest.of(request, services), merged, response));
        } catch (RuntimeException e) { // the answer goes out whatever happens here
            LOG.error("Could not audit the merge of {} into {}: {}", merged.source(), merged.target(), e.toString());
        }
    }

    static AuditEvent event(AuditedRequest request, PatientMergeInterceptor.MergedPatients merged, ResponseDetails response) {
        AuditEvent event = AuditEvents.event(BalpProfileEnum.PATIENT_UPDATE, request);
        event.addSubtype().setSystem(LIFECYCLE_SYSTEM).setCode("merge").setDisplay("Merge Record Lifecycle Event");
        AuditEvents.addQuery(event, request);
        AuditEvents.addPatient(event, merged.target());
        AuditEvents.addPatient(event, merged.source());
        event.getEntity().stream().filter(e -> merged.source().equals(e.getWhat().getReference()))
                .forEach(e -> e.setDescription("Hồ sơ nguồn, gộp vào " + merged.target() + " / source record, merged into "
                        + merged.target()));
        event.getEntity().stream().filter(e -> merged.target().equals(e.getWhat().getReference()))
                .forEach(e -> e.setDescription("Hồ sơ đích, được giữ lại / target record, kept"));
        String failure = failure(response);
        if (failure != null) {
            AuditEvents.failed(event, failure);
        }
        return event;
    }

    /** HAPI answers its own refusals with a Parameters whose {@code outcome} has an error. */
    private static String failure(ResponseDetails response) {
        if (response != null && response.getResponseResource() instanceof Parameters answer
                && answer.getParameter("outcome") != null
                && answer.getParameter("outcome").getResource() instanceof OperationOutcome outcome) {
            return outcome.getIssue().stream()
                    .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                            || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics).findFirst().orElse(null);
        }
        return null;
    }
}
