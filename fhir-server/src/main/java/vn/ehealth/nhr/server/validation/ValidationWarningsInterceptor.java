package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.List;

/**
 * Tells the sender of an accepted write what the guide warned about: the warnings kept during
 * storage are added to the OperationOutcome returned for {@code Prefer: return=OperationOutcome}.
 */
@Interceptor
public class ValidationWarningsInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void addKeptWarnings(RequestDetails request, ResponseDetails response) {
        List<OperationOutcome.OperationOutcomeIssueComponent> warnings = WriteValidationOutcome.keptWarnings(request);
        if (!warnings.isEmpty() && response.getResponseResource() instanceof OperationOutcome outcome) {
            warnings.forEach(outcome::addIssue);
        }
    }
}
