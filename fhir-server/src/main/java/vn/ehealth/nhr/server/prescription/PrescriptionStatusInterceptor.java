package vn.ehealth.nhr.server.prescription;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.server.validation.StorageWriteRule;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

/**
 * Holds every update of a prescription line (PUT, PATCH, conditional update, transaction entry) to
 * {@link PrescriptionStatusRule}: 409 naming the stored and the requested status. Creates are free
 * (any status may be recorded as it is); only changes of a stored line are judged.
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
public class PrescriptionStatusInterceptor extends StorageWriteRule {

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        // a new line: nothing stored to compare with
    }

    @Override
    protected void checkUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        if (!(previous instanceof MedicationRequest stored) || !(resource instanceof MedicationRequest sent)) {
            return;
        }
        String from = stored.hasStatus() ? stored.getStatus().toCode() : null;
        String to = sent.hasStatus() ? sent.getStatus().toCode() : null;
        PrescriptionStatusRule.check("MedicationRequest/" + stored.getIdElement().getIdPart(), from, to)
                .ifPresent(v -> WriteValidationOutcome.refuseAsConflict(request, resource, v,
                        OperationOutcome.IssueType.BUSINESSRULE, "MedicationRequest.status"));
    }
}
