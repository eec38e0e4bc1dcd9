package vn.ehealth.nhr.server.prescription;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dispensing against a prescription line: the rule alone, then the storage hook over stored records without a database. */
class MedicationDispenseInterceptorTest {

    private final Map<String, MedicationRequest> lines = new HashMap<>();
    private final List<MedicationDispense> stored = new ArrayList<>();

    /** Records locked so far; a line's dispenses must only be read once the record is locked. */
    private final List<String> locked = new ArrayList<>();
    private final MedicationDispenseInterceptor interceptor = new MedicationDispenseInterceptor(new PrescriptionRecords(null) {
        @Override
        public Optional<MedicationRequest> line(String id) {
            return Optional.ofNullable(lines.get(id));
        }

        @Override
        public List<MedicationDispense> dispensesOf(String lineId) {
            assertThat(locked).as("the citizen's record is locked before the line's dispenses are read").isNotEmpty();
            return stored.stream().filter(d -> d.getAuthorizingPrescriptionFirstRep().getReference()
                    .equals("MedicationRequest/" + lineId)).toList();
        }
    }, locked::add);

    @Test
    void theRuleAlone() {
        assertThat(DispenseRule.lineActive("MedicationRequest/1", "active")).isEmpty();
        RuleViolation inactive = DispenseRule.lineActive("MedicationRequest/1", "completed").orElseThrow();
        assertThat(inactive.rule()).isEqualTo("nhr-rx-dispense-line-not-active");
        assertThat(inactive.vietnamese()).contains("MedicationRequest/1", "'completed'");

        Quantity fourteen = new Quantity().setValue(14).setUnit("viên");
        assertThat(DispenseRule.withinPrescribed("MedicationRequest/1", fourteen, BigDecimal.valueOf(10), BigDecimal.valueOf(4))).isEmpty();
        RuleViolation over = DispenseRule.withinPrescribed("MedicationRequest/1", fourteen, BigDecimal.valueOf(10),
                BigDecimal.valueOf(5)).orElseThrow();
        assertThat(over.rule()).isEqualTo("nhr-rx-over-dispensed");
        assertThat(over.vietnamese()).contains("kê 14 viên", "đã cấp 10 viên", "lần này 5 viên", "tổng 15 viên", "tối đa 4 viên");
        assertThat(over.english()).contains("prescribes 14 viên", "10 viên already dispensed", "5 viên now", "15 viên in total");
        assertThat(DispenseRule.withinPrescribed("MedicationRequest/1", null, BigDecimal.TEN, BigDecimal.TEN)).isEmpty();

        assertThat(DispenseRule.counts(dispense("1", 1, MedicationDispenseStatus.COMPLETED))).isTrue();
        assertThat(DispenseRule.counts(dispense("1", 1, MedicationDispenseStatus.CANCELLED))).isFalse();
        assertThat(DispenseRule.counts(dispense("1", 1, MedicationDispenseStatus.ENTEREDINERROR))).isFalse();
    }

    @Test
    void aDispenseIsAcceptedOnlyWhileItsLineIsActive() {
        lines.put("1", line(MedicationRequestStatus.ACTIVE, 14));
        lines.put("2", line(MedicationRequestStatus.CANCELLED, 14));
        assertThatCode(() -> interceptor.beforeCreate(dispense("1", 14, MedicationDispenseStatus.COMPLETED), system()))
                .doesNotThrowAnyException();
        assertThat(ruleOf(() -> interceptor.beforeCreate(dispense("2", 1, MedicationDispenseStatus.COMPLETED), system())))
                .isEqualTo("nhr-rx-dispense-line-not-active");
        // a cancelled dispense hands nothing over: recording it needs no active line
        assertThatCode(() -> interceptor.beforeCreate(dispense("2", 1, MedicationDispenseStatus.CANCELLED), system()))
                .doesNotThrowAnyException();
    }

    @Test
    void earlierNonCancelledDispensesCountAgainstThePrescribedQuantity() {
        lines.put("1", line(MedicationRequestStatus.ACTIVE, 14));
        stored.add(withId(dispense("1", 10, MedicationDispenseStatus.COMPLETED), "d1"));
        stored.add(withId(dispense("1", 10, MedicationDispenseStatus.CANCELLED), "d2"));
        assertThatCode(() -> interceptor.beforeCreate(dispense("1", 4, MedicationDispenseStatus.COMPLETED), system()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> interceptor.beforeCreate(dispense("1", 5, MedicationDispenseStatus.COMPLETED), system()))
                .isInstanceOf(ResourceVersionConflictException.class)
                .satisfies(e -> assertThat(outcome(e).getIssueFirstRep().getDetails().getText())
                        .contains("MedicationRequest/1", "14", "10", "15"));
        // raising a stored dispense's quantity counts the others only
        assertThatCode(() -> interceptor.beforeUpdate(stored.get(0), withId(dispense("1", 14, MedicationDispenseStatus.COMPLETED), "d1"),
                system())).doesNotThrowAnyException();
    }

    @Test
    void aCorrectionOfADispenseOfAFinishedLineIsNotJudged() {
        lines.put("1", line(MedicationRequestStatus.COMPLETED, 14));
        MedicationDispense before = withId(dispense("1", 14, MedicationDispenseStatus.COMPLETED), "d1");
        stored.add(before);
        MedicationDispense corrected = withId(dispense("1", 14, MedicationDispenseStatus.COMPLETED), "d1");
        corrected.addNote().setText("đã sửa ghi chú");
        assertThatCode(() -> interceptor.beforeUpdate(before, corrected, system())).doesNotThrowAnyException();
        assertThat(ruleOf(() -> interceptor.beforeUpdate(before, withId(dispense("1", 15, MedicationDispenseStatus.COMPLETED), "d1"),
                system()))).isEqualTo("nhr-rx-dispense-line-not-active");
    }

    @Test
    void inATransactionTheLineAndTheOtherDispensesAreReadFromTheBundle() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        MedicationRequest newLine = line(MedicationRequestStatus.ACTIVE, 14);
        tx.addEntry().setFullUrl("urn:uuid:line").setResource(newLine);
        MedicationDispense first = dispense(null, 10, MedicationDispenseStatus.COMPLETED);
        first.getAuthorizingPrescriptionFirstRep().setReference("urn:uuid:line");
        MedicationDispense second = dispense(null, 5, MedicationDispenseStatus.COMPLETED);
        second.getAuthorizingPrescriptionFirstRep().setReference("urn:uuid:line");
        tx.addEntry().setFullUrl("urn:uuid:d1").setResource(first);
        tx.addEntry().setFullUrl("urn:uuid:d2").setResource(second);
        SystemRequestDetails request = system();
        interceptor.transactionStarts(tx, request);

        assertThatThrownBy(() -> interceptor.beforeCreate(second, request))
                .satisfies(e -> {
                    assertThat(outcome(e).getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-rx-over-dispensed");
                    assertThat(outcome(e).getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Bundle.entry[2].resource.quantity");
                });
    }

    private static SystemRequestDetails system() {
        return new SystemRequestDetails();
    }

    private static String ruleOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(e).isInstanceOf(ResourceVersionConflictException.class);
        return outcome(e).getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    private static OperationOutcome outcome(Throwable e) {
        return (OperationOutcome) ((ResourceVersionConflictException) e).getOperationOutcome();
    }

    private static MedicationRequest line(MedicationRequestStatus status, int quantity) {
        MedicationRequest mr = new MedicationRequest();
        mr.setStatus(status);
        mr.setSubject(new Reference("Patient/an"));
        mr.getDispenseRequest().setQuantity(new Quantity().setValue(quantity).setUnit("viên"));
        return mr;
    }

    private static MedicationDispense dispense(String lineId, int quantity, MedicationDispenseStatus status) {
        MedicationDispense d = new MedicationDispense();
        d.setStatus(status);
        if (lineId != null) {
            d.addAuthorizingPrescription(new Reference("MedicationRequest/" + lineId));
        }
        d.setQuantity(new Quantity().setValue(quantity).setUnit("viên"));
        return d;
    }

    private static MedicationDispense withId(MedicationDispense d, String id) {
        d.setId(id);
        return d;
    }
}
