package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code POST Patient} with {@code If-None-Exist}: when a Patient matches, HAPI answers with it
 * without looking at the body (no storage hook runs), so the body is compared here, on the REST
 * server, before HAPI handles the request ({@link DemographicConflictInterceptor#judgeConditionalCreate}).
 * Transactions are judged on the storage layer.
 */
@Interceptor
public class ConditionalPatientCreateInterceptor {

    private final DemographicConflictInterceptor rule;

    public ConditionalPatientCreateInterceptor(DemographicConflictInterceptor rule) {
        this.rule = rule;
    }

    /** Late among the PRE_HANDLED hooks: sign-in and scopes are judged first. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void conditionalCreate(RequestDetails request, RestOperationTypeEnum operation) {
        String ifNoneExist = request.getHeader("If-None-Exist");
        if (operation == RestOperationTypeEnum.CREATE && request.getResource() instanceof Patient sent
                && ifNoneExist != null && !ifNoneExist.isBlank()) {
            rule.judgeConditionalCreate(sent, request, null);
        }
    }
}
