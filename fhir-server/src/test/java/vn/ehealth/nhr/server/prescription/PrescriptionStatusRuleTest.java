package vn.ehealth.nhr.server.prescription;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ehealth.nhr.profiles.RuleViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status transitions of a prescription line, alone and as the storage hook applies them. */
class PrescriptionStatusRuleTest {

    @ParameterizedTest
    @CsvSource({"active,completed", "active,cancelled", "active,stopped", "active,on-hold", "active,entered-in-error",
            "on-hold,active", "on-hold,stopped", "draft,active", "completed,entered-in-error", "active,active",
            "completed,completed", "unknown,active"})
    void allowedTransitions(String from, String to) {
        assertThat(PrescriptionStatusRule.check("MedicationRequest/1", from, to)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"completed,active", "cancelled,active", "stopped,active", "entered-in-error,active", "cancelled,on-hold",
            "entered-in-error,completed", "active,draft", "on-hold,completed", "active,unknown", "stopped,completed"})
    void refusedTransitionsNameTheOldAndTheNewStatus(String from, String to) {
        RuleViolation v = PrescriptionStatusRule.check("MedicationRequest/7", from, to).orElseThrow();
        assertThat(v.rule()).isEqualTo("nhr-rx-status-transition");
        assertThat(v.vietnamese()).contains("MedicationRequest/7", "'" + from + "'", "'" + to + "'");
        assertThat(v.english()).contains("MedicationRequest/7", "'" + from + "'", "'" + to + "'");
    }

    @Test
    void aFinishedLineIsNeverActiveAgain() {
        RuleViolation v = PrescriptionStatusRule.check("MedicationRequest/7", "completed", "active").orElseThrow();
        assertThat(v.vietnamese()).contains("trạng thái cuối", "kê đơn mới");
        assertThat(v.english()).contains("is final", "write a new prescription");
    }

    @Test
    void theStorageHookRefusesWith409AndLetsCreatesAndAllowedUpdatesThrough() {
        PrescriptionStatusInterceptor interceptor = new PrescriptionStatusInterceptor();
        MedicationRequest stored = line("42", MedicationRequestStatus.COMPLETED);
        MedicationRequest resurrected = line("42", MedicationRequestStatus.ACTIVE);

        assertThatThrownBy(() -> interceptor.beforeUpdate(stored, resurrected, new SystemRequestDetails()))
                .isInstanceOf(ResourceVersionConflictException.class)
                .satisfies(e -> {
                    OperationOutcome oo = (OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome();
                    assertThat(oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-rx-status-transition");
                    assertThat(oo.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("MedicationRequest.status");
                    assertThat(oo.getIssueFirstRep().getDetails().getText()).contains("MedicationRequest/42", "'completed'", "'active'");
                });
        assertThatCode(() -> interceptor.beforeCreate(line(null, MedicationRequestStatus.COMPLETED), new SystemRequestDetails()))
                .doesNotThrowAnyException();
        assertThatCode(() -> interceptor.beforeUpdate(line("42", MedicationRequestStatus.ACTIVE),
                line("42", MedicationRequestStatus.COMPLETED), new SystemRequestDetails())).doesNotThrowAnyException();
    }

    private static MedicationRequest line(String id, MedicationRequestStatus status) {
        MedicationRequest mr = new MedicationRequest();
        mr.setId(id);
        mr.setStatus(status);
        return mr;
    }
}
