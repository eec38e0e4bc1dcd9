package vn.ehealth.nhr.server.patient;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rule {@code nhr-pat-demographic-conflict}: the birth date and gender of a citizen who has a CCCD
 * are those of the national population register, so a facility may not change them on file, nor
 * (by a conditional create) send a citizen whose CCCD is on file with other ones. A value not yet
 * on file (no birth date, gender {@code unknown}) may be filled in.
 */
public final class DemographicConflictRule {

    public static final String RULE = "nhr-pat-demographic-conflict";

    /** One field in conflict: where it is (FHIRPath from {@code Patient}) and what is wrong. */
    public record Conflict(String path, RuleViolation violation) {
    }

    private DemographicConflictRule() {
    }

    /** The CCCD a Patient carries, if any. */
    public static Optional<String> cccdOf(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()) && i.hasValue())
                .map(i -> i.getValue().strip()).findFirst();
    }

    /**
     * What {@code sent} changes of {@code stored}'s birth date and gender, if {@code stored} has a CCCD.
     *
     * @param conditionalCreate the request is a conditional create that would return {@code stored} unchanged
     * @param showStored        whether the caller may be told the values on file (they may read the record)
     */
    public static List<Conflict> check(Patient stored, Patient sent, boolean conditionalCreate, boolean showStored) {
        Optional<String> cccd = cccdOf(stored);
        List<Conflict> conflicts = new ArrayList<>();
        if (cccd.isEmpty()) {
            return conflicts;
        }
        String name = "Patient/" + stored.getIdElement().getIdPart();
        String storedBirthDate = stored.hasBirthDate() ? stored.getBirthDateElement().getValueAsString() : null;
        String sentBirthDate = sent.hasBirthDate() ? sent.getBirthDateElement().getValueAsString() : null;
        if (storedBirthDate != null && !storedBirthDate.equals(sentBirthDate)) {
            conflicts.add(new Conflict("Patient.birthDate", violation(cccd.get(), name, "ngày sinh (birthDate)",
                    "birth date (birthDate)", storedBirthDate, sentBirthDate, conditionalCreate, showStored)));
        }
        String storedGender = stored.hasGender() && stored.getGender() != AdministrativeGender.UNKNOWN ? stored.getGender().toCode() : null;
        String sentGender = sent.hasGender() ? sent.getGender().toCode() : null;
        if (storedGender != null && !Objects.equals(storedGender, sentGender)) {
            conflicts.add(new Conflict("Patient.gender", violation(cccd.get(), name, "giới tính (gender)", "gender",
                    storedGender, sentGender, conditionalCreate, showStored)));
        }
        return conflicts;
    }

    private static RuleViolation violation(String cccd, String record, String fieldVi, String fieldEn, String stored,
            String sent, boolean conditionalCreate, boolean showStored) {
        String sentVi = sent == null ? "(không có)" : sent;
        String sentEn = sent == null ? "(none)" : sent;
        String vietnamese;
        String english;
        if (conditionalCreate) {
            vietnamese = "Công dân có CCCD " + cccd + " đã có hồ sơ " + record + " với " + fieldVi
                    + (showStored ? " " + stored : " khác") + "; dữ liệu gửi ghi " + sentVi
                    + ". Tạo có điều kiện (If-None-Exist) sẽ trả về hồ sơ hiện có và bỏ qua dữ liệu gửi, nên bị từ chối: "
                    + "hãy kiểm tra lại; nếu hồ sơ đã lưu sai, hãy liên hệ quản trị viên.";
            english = "The citizen with CCCD " + cccd + " already has record " + record + ", with "
                    + (showStored ? fieldEn + " " + stored : "another " + fieldEn) + "; the request says " + sentEn
                    + ". A conditional create (If-None-Exist) would return that record and ignore what was sent, so it is "
                    + "refused: check the data; if the record on file is wrong, ask an administrator.";
        } else {
            vietnamese = "Không được sửa " + fieldVi + " của công dân có CCCD " + cccd + ": " + record + " đã lưu " + stored
                    + ", yêu cầu gửi " + sentVi + ". Ngày sinh và giới tính của người có CCCD theo Cơ sở dữ liệu quốc gia "
                    + "về dân cư; chỉ quản trị viên được sửa (nếu hồ sơ đã lưu sai, hãy liên hệ quản trị viên).";
            english = "The " + fieldEn + " of the citizen with CCCD " + cccd + " may not be changed: " + record + " has "
                    + stored + " on file, the request says " + sentEn + ". The birth date and gender of a citizen with a "
                    + "CCCD are those of the national population register; only an administrator may correct them "
                    + "(if the record on file is wrong, ask an administrator).";
        }
        return new RuleViolation(RULE, vietnamese, english);
    }
}
