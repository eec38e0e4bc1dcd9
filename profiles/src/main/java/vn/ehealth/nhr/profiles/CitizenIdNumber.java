package vn.ehealth.nhr.profiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules a CCCD (căn cước công dân, citizen identity number) states about its holder.
 *
 * <p>Structure (Thông tư 59/2021/TT-BCA, carried over by the 2023 Law on Identification):
 * digits 1–3 are the code of the province where the birth was registered (001–096); digit 4
 * encodes sex and century of birth (0/1 male/female born 1900–1999, 2/3 in 2000–2099, 4/5 in
 * 2100–2199, 6/7 in 2200–2299, 8/9 in 2300–2399); digits 5–6 are the last two digits of the birth
 * year; digits 7–12 are a serial number. So a record's sex and birth year can be checked against
 * its CCCD without any registry.
 */
public final class CitizenIdNumber {

    public enum Sex { MALE, FEMALE }

    private final String value;

    private CitizenIdNumber(String value) {
        this.value = value;
    }

    /** The number, if it is well-formed; otherwise empty (see {@link #check(String)} for why). */
    public static Optional<CitizenIdNumber> parse(String value) {
        return checkFormat(value).isEmpty() ? Optional.of(new CitizenIdNumber(value)) : Optional.empty();
    }

    /** Every format problem of {@code value} (empty when it is a well-formed CCCD). */
    public static List<RuleViolation> check(String value) {
        return checkFormat(value);
    }

    /**
     * Every problem of {@code value} as the CCCD of a person of the given sex and birth date; a
     * {@code null} sex or birth date is not checked (the record may not know it).
     */
    public static List<RuleViolation> checkAgainst(String value, Sex sex, LocalDate birthDate) {
        List<RuleViolation> problems = new ArrayList<>(checkFormat(value));
        if (!problems.isEmpty()) {
            return problems;
        }
        CitizenIdNumber id = new CitizenIdNumber(value);
        if (sex != null && sex != id.sex()) {
            problems.add(new RuleViolation("cccd-sex",
                    "Chữ số thứ 4 của CCCD " + value + " cho biết giới tính " + vi(id.sex())
                            + ", khác với giới tính của hồ sơ (" + vi(sex) + ")",
                    "Digit 4 of CCCD " + value + " encodes sex " + id.sex().name().toLowerCase()
                            + ", which differs from the record's gender (" + sex.name().toLowerCase() + ")"));
        }
        if (birthDate != null && !id.isBirthYearPossible(birthDate.getYear())) {
            problems.add(new RuleViolation("cccd-birth-year",
                    "Chữ số 4–6 của CCCD " + value + " cho biết năm sinh " + id.birthYearPattern()
                            + ", không khớp với ngày sinh " + birthDate,
                    "Digits 4-6 of CCCD " + value + " encode birth year " + id.birthYearPattern()
                            + ", which does not match birth date " + birthDate));
        }
        return problems;
    }

    private static List<RuleViolation> checkFormat(String value) {
        List<RuleViolation> problems = new ArrayList<>();
        if (value == null || !value.matches("\\d{12}")) {
            problems.add(new RuleViolation("cccd-format",
                    "Số CCCD phải gồm đúng 12 chữ số (nhận được: \"" + value + "\")",
                    "A CCCD must be exactly 12 digits (got \"" + value + "\")"));
            return problems;
        }
        int province = Integer.parseInt(value.substring(0, 3));
        if (province < 1 || province > 96) {
            problems.add(new RuleViolation("cccd-province",
                    "Ba chữ số đầu của CCCD là mã tỉnh nơi đăng ký khai sinh (001–096), không được là " + value.substring(0, 3),
                    "The first three digits of a CCCD are the province code of birth registration (001-096), not "
                            + value.substring(0, 3)));
        }
        return problems;
    }

    public String value() {
        return value;
    }

    /** Code of the province where the birth was registered (first three digits). */
    public String provinceCode() {
        return value.substring(0, 3);
    }

    public Sex sex() {
        return (digit(3) % 2 == 0) ? Sex.MALE : Sex.FEMALE;
    }

    /** The birth year the number states: century from digit 4, year within it from digits 5–6. */
    public int birthYear() {
        int century = 1900 + (digit(3) / 2) * 100;
        return century + Integer.parseInt(value.substring(4, 6));
    }

    private boolean isBirthYearPossible(int year) {
        return year == birthYear();
    }

    private String birthYearPattern() {
        return Integer.toString(birthYear());
    }

    private int digit(int index) {
        return value.charAt(index) - '0';
    }

    private static String vi(Sex sex) {
        return sex == Sex.MALE ? "nam" : "nữ";
    }

    @Override
    public String toString() {
        return value;
    }
}
