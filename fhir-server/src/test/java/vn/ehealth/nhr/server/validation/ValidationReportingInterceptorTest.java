package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationReportingInterceptorTest {

    private final ValidationReportingInterceptor interceptor = new ValidationReportingInterceptor();

    @Test
    void validateAnswersNameTheRuleLikeARefusedWrite() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setOperation("$validate");
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR).setDiagnostics("Số CCCD phải gồm đúng 12 chữ số");
        issue.addExtension(ValidationReportingInterceptor.MESSAGE_ID, new StringType("nhr-pat-cccd-format"));

        interceptor.report(request, new ResponseDetails(outcome));

        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-pat-cccd-format");
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/CodeSystem/validation-rule");
        assertThat(issue.getDetails().getText()).isEqualTo("Số CCCD phải gồm đúng 12 chữ số");
    }

    @Test
    void warningsKeptDuringStorageReachTheOutcomeOfTheWrite() {
        SystemRequestDetails request = new SystemRequestDetails();
        OperationOutcome warnings = new OperationOutcome();
        warnings.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING).getDetails().setText("Mã ICD-10 N40 chỉ dùng cho người bệnh giới nam");
        WriteValidationOutcome.keepWarnings(request, warnings);
        OperationOutcome created = new OperationOutcome();
        created.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setDiagnostics("Successfully created resource");

        interceptor.report(request, new ResponseDetails(created));

        assertThat(created.getIssue()).hasSize(2);
        assertThat(created.getIssue().get(1).getDetails().getText()).contains("N40");
    }
}
