package vn.ehealth.nhr.ig.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vietnamese wording for the base FHIR validator's most frequent messages (cardinality, slices,
 * code bindings, fixed values, data types), so that a vendor's developer reads the commonest
 * refusals in Vietnamese too. The validator only speaks English; a message not listed here is
 * passed on in English.
 */
final class CoreMessageTranslations {

    private record Translation(Pattern english, String vietnamese) {
    }

    private static final List<Translation> TRANSLATIONS = List.of(
            t("^(.+?): minimum required = (\\d+), but only found (\\d+) \\(from (.+?)\\)$",
                    "$1: bắt buộc có ít nhất $2 phần tử nhưng chỉ có $3 (theo hồ sơ $4)"),
            t("^(.+?): max allowed = (\\d+), but found (\\d+) \\(from (.+?)\\)$",
                    "$1: chỉ được có tối đa $2 phần tử nhưng có $3 (theo hồ sơ $4)"),
            t("^Slice '(.+?)': a matching slice is required, but not found \\(from (.+?)\\).*$",
                    "Thiếu phần tử bắt buộc '$1' (theo hồ sơ $2)"),
            t("^Slice '(.+?)' for extension '(.+?)': a matching slice is required, but not found \\(from (.+?)\\).*$",
                    "Thiếu phần mở rộng bắt buộc '$1' ($2) (theo hồ sơ $3)"),
            t("^The value provided \\('(.+?)'\\) was not found in the value set '(.+?)'.*required.*$",
                    "Giá trị '$1' không có trong danh mục bắt buộc '$2'"),
            t("^The value provided \\('(.+?)'\\) was not found in the value set '(.+?)'.*$",
                    "Giá trị '$1' không có trong danh mục '$2'"),
            t("^None of the codings provided are in the value set '(.+?)'.*\\(codes = (.+?)\\)$",
                    "Không mã nào trong ($2) thuộc danh mục bắt buộc '$1'"),
            t("^The code provided \\((.+?)\\) was not found in the value set '(.+?)'.*$",
                    "Mã $1 không có trong danh mục '$2'"),
            t("^The Coding provided \\((.+?)\\) was not found in the value set '(.+?)'.*$",
                    "Mã $1 không có trong danh mục '$2'"),
            t("^Unknown code '(.+?)' in the CodeSystem '(.+?)'.*$",
                    "Mã '$1' không có trong hệ mã '$2'"),
            t("^Unknown Code '(.+?)' in the system '(.+?)'.*$",
                    "Mã '$1' không có trong hệ mã '$2'"),
            t("^Value is '(.+?)' but must be '(.+?)'.*$",
                    "Giá trị là '$1' nhưng phải là '$2'"),
            t("^The pattern \\[system (.+?), code (.+?), and display '(.*?)'\\] defined in the profile (.+?) not found\\..*$",
                    "Thiếu mã bắt buộc $1#$2 ('$3') theo hồ sơ $4"),
            t("^The value '(.+?)' is not a valid date.*$", "Giá trị '$1' không phải ngày hợp lệ"),
            t("^The value '(.+?)' does not meet regex '(.+?)'.*$", "Giá trị '$1' không đúng định dạng $2"),
            t("^Unrecognized property '(.+?)'.*$", "Thuộc tính '$1' không có trong đặc tả FHIR"),
            t("^Profile reference '(.+?)' has not been checked because it is unknown.*$",
                    "Hồ sơ '$1' không được máy chủ biết đến nên không kiểm tra được"),
            t("^Bundle entry missing fullUrl.*$", "Mục của Bundle thiếu fullUrl"),
            t("^Can't find '(.+?)' in the bundle \\((.+?)\\).*$", "Không tìm thấy '$1' trong Bundle ($2)"));

    private CoreMessageTranslations() {
    }

    static Optional<String> vietnamese(String english) {
        if (english == null) {
            return Optional.empty();
        }
        for (Translation translation : TRANSLATIONS) {
            Matcher m = translation.english().matcher(english);
            if (m.matches()) {
                return Optional.of(m.replaceFirst(translation.vietnamese()));
            }
        }
        return Optional.empty();
    }

    private static Translation t(String regex, String vietnamese) {
        return new Translation(Pattern.compile(regex, Pattern.DOTALL), vietnamese);
    }
}
