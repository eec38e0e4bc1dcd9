package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;

import java.util.List;

/**
 * How validation results reach REST clients, in one shape whatever the path:
 * <ul>
 * <li>the warnings of an accepted write, kept during storage, are added to the OperationOutcome
 * returned for {@code Prefer: return=OperationOutcome};</li>
 * <li>{@code $validate} answers carry the broken rule in {@code issue.details.coding} and the
 * message in {@code issue.details.text}, as a refused write does (HAPI puts the rule in a
 * message-id extension only).</li>
 * </ul>
 */
@Interceptor
public class ValidationReportingInterceptor {

    static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void report(RequestDetails request, ResponseDetails response) {
        if (!(response.getResponseResource() instanceof OperationOutcome outcome)) {
            return;
        }
        List<OperationOutcome.OperationOutcomeIssueComponent> warnings = WriteValidationOutcome.keptWarnings(request);
        warnings.forEach(outcome::addIssue);
        if ("$validate".equals(request.getOperation())) {
            outcome.getIssue().forEach(ValidationReportingInterceptor::nameTheRule);
        }
    }

    private static void nameTheRule(OperationOutcome.OperationOutcomeIssueComponent issue) {
        Extension id = issue.getExtensionByUrl(MESSAGE_ID);
        if (id == null || issue.getDetails().getCoding().stream().anyMatch(c -> GuideValidation.RULE_SYSTEM.equals(c.getSystem()))) {
            return;
        }
        issue.getDetails().addCoding().setSystem(GuideValidation.RULE_SYSTEM).setCode(id.getValue().primitiveValue());
        if (!issue.getDetails().hasText()) {
            issue.getDetails().setText(issue.getDiagnostics());
        }
    }
}
