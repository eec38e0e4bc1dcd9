package vn.ehealth.nhr.profiles;

import vn.ehealth.nhr.terminology.Icd10Restrictions;
import vn.ehealth.nhr.terminology.Icd10Restrictions.Restriction;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule {@code nhr-cond-icd10-restriction}: a diagnosis whose ICD-10 code the Ministry restricts to
 * one sex or an age range (QĐ 4469 appendices A3, A4) must fit the patient. A sex of "unknown" or
 * "other", or an unknown birth date, is not checked: the record cannot contradict what it does not
 * state.
 */
public final class Icd10RestrictionRule {

    public static final String KEY = "nhr-cond-icd10-restriction";
    private static final double DAYS_PER_YEAR = 365.25;

    private final Icd10Restrictions restrictions;

    public Icd10RestrictionRule(Icd10Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    /**
     * Problems of {@code code} for a patient of {@code gender} ("male"/"female"/…) born on
     * {@code birthDate}, diagnosed on {@code onDate} (null: today).
     */
    public List<RuleViolation> check(String code, String gender, LocalDate birthDate, LocalDate onDate) {
        List<RuleViolation> problems = new ArrayList<>();
        Restriction r = restrictions.of(code).orElse(null);
        if (r == null) {
            return problems;
        }
        if (r.sex() != null && ("male".equals(gender) || "female".equals(gender)) && !r.sex().equals(gender)) {
            problems.add(new RuleViolation(KEY,
                    "Mã ICD-10 " + code + " (" + r.display() + ") chỉ dùng cho người bệnh giới " + vi(r.sex())
                            + " (Phụ lục QĐ 4469/QĐ-BYT), nhưng người bệnh là " + vi(gender),
                    "ICD-10 code " + code + " is restricted to " + r.sex() + " patients (QĐ 4469/QĐ-BYT appendix), but the patient is " + gender));
        }
        if (birthDate != null && (r.ageMinDays() != null || r.ageMaxDays() != null)) {
            LocalDate at = onDate == null ? LocalDate.now() : onDate;
            long ageDays = ChronoUnit.DAYS.between(birthDate, at);
            boolean tooYoung = r.ageMinDays() != null && ageDays < r.ageMinDays();
            boolean tooOld = r.ageMaxDays() != null && ageDays > r.ageMaxDays();
            if (tooYoung || tooOld) {
                problems.add(new RuleViolation(KEY,
                        "Mã ICD-10 " + code + " (" + r.display() + ") chỉ dùng cho độ tuổi " + range(r, true)
                                + " (Phụ lục QĐ 4469/QĐ-BYT), nhưng người bệnh " + age(ageDays, true) + " vào ngày " + at,
                        "ICD-10 code " + code + " is restricted to ages " + range(r, false)
                                + " (QĐ 4469/QĐ-BYT appendix), but the patient is " + age(ageDays, false) + " on " + at));
            }
        }
        return problems;
    }

    private static String vi(String sex) {
        return switch (sex == null ? "" : sex) {
            case "male" -> "nam";
            case "female" -> "nữ";
            default -> sex;
        };
    }

    private static String range(Restriction r, boolean vietnamese) {
        String min = r.ageMinDays() == null ? null : age(r.ageMinDays(), vietnamese);
        String max = r.ageMaxDays() == null ? null : age(r.ageMaxDays(), vietnamese);
        if (min != null && max != null) {
            return vietnamese ? "từ " + min + " đến " + max : min + " to " + max;
        }
        if (min != null) {
            return vietnamese ? "từ " + min + " trở lên" : min + " and older";
        }
        return vietnamese ? "đến " + max : "up to " + max;
    }

    private static String age(long days, boolean vietnamese) {
        if (days < 366) {
            return days + (vietnamese ? " ngày tuổi" : " days old");
        }
        long years = (long) Math.floor(days / DAYS_PER_YEAR);
        return years + (vietnamese ? " tuổi" : " years old");
    }
}
