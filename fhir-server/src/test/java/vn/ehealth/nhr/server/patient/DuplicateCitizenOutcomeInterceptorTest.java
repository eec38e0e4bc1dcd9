package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateCitizenOutcomeInterceptorTest {

    private static final String HAPI_MESSAGE = "HAPI-0550: HAPI-1093: Can not create resource of type Patient as it would create a "
            + "duplicate unique index matching query: Patient?cccd=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fcore%2Fsid%2Fnational_id%7C079183658607 "
            + "(existing index belongs to Patient/1114, new unique index created by SearchParameter/vn-nhr-patient-cccd-unique)";

    @Test
    void theDuplicateCitizenConflictNamesTheExistingRecordInVietnamese() {
        BaseServerResponseException explained = new DuplicateCitizenOutcomeInterceptor()
                .explain(new SystemRequestDetails(), new ResourceVersionConflictException(HAPI_MESSAGE));

        assertThat(explained).isInstanceOf(ResourceVersionConflictException.class);
        OperationOutcome outcome = (OperationOutcome) explained.getOperationOutcome();
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-pat-cccd-unique");
        assertThat(outcome.getIssueFirstRep().getDetails().getText())
                .contains("079183658607", "Patient/1114", "mỗi công dân chỉ có một hồ sơ");
    }

    @Test
    void otherErrorsAreLeftAlone() {
        assertThat(new DuplicateCitizenOutcomeInterceptor()
                .explain(new SystemRequestDetails(), new InvalidRequestException("something else"))).isNull();
        assertThat(new DuplicateCitizenOutcomeInterceptor()
                .explain(new SystemRequestDetails(), new ResourceVersionConflictException("HAPI-0989: version conflict"))).isNull();
    }
}
