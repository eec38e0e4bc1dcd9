package vn.ehealth.nhr.server.patient;

import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.RuleViolation;

import static org.assertj.core.api.Assertions.assertThat;

class PatientMergeRuleTest {

    private static Patient withCccd(String cccd) {
        Patient p = new Patient();
        p.addIdentifier().setSystem(NhrIdentifierSystems.INSURANCE_NUMBER).setValue("0123456789");
        if (cccd != null) {
            p.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(cccd);
        }
        return p;
    }

    @Test
    void aRecordWithoutCccdMergesIntoAnyRecord() {
        assertThat(PatientMergeRule.checkCccd(withCccd(null), withCccd("001085012345"), "Patient/a", "Patient/b")).isEmpty();
        assertThat(PatientMergeRule.checkCccd(withCccd(null), withCccd(null), "Patient/a", "Patient/b")).isEmpty();
    }

    @Test
    void twoCccdsAreTwoPeople() {
        RuleViolation v = PatientMergeRule.checkCccd(withCccd("001085012345"), withCccd("079301004567"), "Patient/a", "Patient/b")
                .orElseThrow();
        assertThat(v.rule()).isEqualTo(PatientMergeRule.CCCD_CONFLICT);
        assertThat(v.vietnamese()).contains("001085012345", "079301004567", "Patient/a", "Patient/b");
        assertThat(v.english()).contains("Two different citizens");
    }

    @Test
    void theRecordWithTheCccdIsTheOneKept() {
        RuleViolation v = PatientMergeRule.checkCccd(withCccd("001085012345"), withCccd(null), "Patient/a", "Patient/b")
                .orElseThrow();
        assertThat(v.rule()).isEqualTo(PatientMergeRule.CCCD_ON_SOURCE);
        assertThat(v.english()).contains("source-patient=Patient/b, target-patient=Patient/a");
    }

    @Test
    void missingSidesAndTheSameRecordNameTheParameter() {
        assertThat(PatientMergeRule.missing("source").rule()).isEqualTo(PatientMergeRule.SOURCE_MISSING);
        assertThat(PatientMergeRule.missing("target").english()).contains("'target-patient'", "'target-patient-identifier'");
        assertThat(PatientMergeRule.samePatient("Patient/a").vietnamese()).contains("Patient/a");
    }
}
