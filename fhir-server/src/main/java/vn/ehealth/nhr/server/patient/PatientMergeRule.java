package vn.ehealth.nhr.server.patient;

import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.Optional;

/**
 * What {@code Patient/$merge} must respect so that a citizen still has one record afterwards
 * (rules {@code nhr-pat-merge-*}). HAPI's merge copies the source's identifiers onto the target as
 * {@code use=old} and keeps them on the source (made inactive, {@code link} replaced-by), so a CCCD
 * can never move from source to target without two records carrying it: the record that holds the
 * CCCD is always the one that survives.
 */
public final class PatientMergeRule {

    public static final String SOURCE_MISSING = "nhr-pat-merge-source-missing";
    public static final String TARGET_MISSING = "nhr-pat-merge-target-missing";
    public static final String SAME_PATIENT = "nhr-pat-merge-same-patient";
    public static final String CCCD_CONFLICT = "nhr-pat-merge-cccd-conflict";
    public static final String CCCD_ON_SOURCE = "nhr-pat-merge-cccd-on-source";

    private PatientMergeRule() {
    }

    /** Neither {@code <side>-patient} nor {@code <side>-patient-identifier} was sent. */
    public static RuleViolation missing(String side) {
        boolean source = "source".equals(side);
        return new RuleViolation(source ? SOURCE_MISSING : TARGET_MISSING,
                "Thiếu hồ sơ " + (source ? "nguồn (bị gộp)" : "đích (được giữ lại)") + ": gửi tham số '" + side
                        + "-patient' (tham chiếu Patient/<id>) hoặc '" + side + "-patient-identifier' (định danh).",
                "The " + (source ? "source record (merged away)" : "target record (kept)") + " is missing: send the '"
                        + side + "-patient' parameter (a Patient/<id> reference) or '" + side
                        + "-patient-identifier' (an identifier).");
    }

    public static RuleViolation samePatient(String patient) {
        return new RuleViolation(SAME_PATIENT,
                "Hồ sơ nguồn và hồ sơ đích là cùng một hồ sơ (" + patient + "): chỉ gộp được hai hồ sơ khác nhau.",
                "The source and target are the same record (" + patient + "): only two different records can be merged.");
    }

    /**
     * The CCCD rule for merging {@code source} into {@code target} (the target as it will be stored:
     * the {@code result-patient} when one is sent), or empty when the merge keeps one record per CCCD.
     */
    public static Optional<RuleViolation> checkCccd(Patient source, Patient target, String sourceName, String targetName) {
        Optional<String> sourceCccd = DemographicConflictRule.cccdOf(source);
        Optional<String> targetCccd = DemographicConflictRule.cccdOf(target);
        if (sourceCccd.isEmpty()) {
            return Optional.empty();
        }
        if (targetCccd.isPresent() && !targetCccd.get().equals(sourceCccd.get())) {
            return Optional.of(new RuleViolation(CCCD_CONFLICT,
                    "Không gộp được hai công dân khác nhau: hồ sơ nguồn " + sourceName + " có CCCD " + sourceCccd.get()
                            + ", hồ sơ đích " + targetName + " có CCCD " + targetCccd.get()
                            + ". Mỗi số CCCD là một người; hãy kiểm tra lại hai hồ sơ.",
                    "Two different citizens cannot be merged: source " + sourceName + " has CCCD " + sourceCccd.get()
                            + ", target " + targetName + " has CCCD " + targetCccd.get()
                            + ". Each CCCD is one person; check the two records."));
        }
        return Optional.of(new RuleViolation(CCCD_ON_SOURCE,
                "Hồ sơ nguồn " + sourceName + " mang CCCD " + sourceCccd.get() + " còn hồ sơ đích " + targetName
                        + " thì không: hồ sơ có CCCD phải là hồ sơ được giữ lại. Hãy đổi chỗ: source-patient="
                        + targetName + ", target-patient=" + sourceName + ".",
                "Source " + sourceName + " carries CCCD " + sourceCccd.get() + " and target " + targetName
                        + " does not: the record with the CCCD must be the one kept. Swap them: source-patient="
                        + targetName + ", target-patient=" + sourceName + "."));
    }
}
