package vn.ehealth.nhr.terminology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICD-10 code spelling rules. Hospitals send the same code as "A09.0", "A090", "a09.0" or with the
 * dagger/asterisk mark of dual classification ("E11.2†"); the national code system holds only the
 * WHO dotted form, so every comparison goes through {@link #normalise(String)}.
 *
 * <p>The Vietnamese edition (QĐ 4469/QĐ-BYT) keeps WHO's optional fifth character in some chapters
 * (M01.00, F00.00), so subcategories have one or two characters after the dot.
 */
public final class Icd10Codes {

    /** The dual-classification mark a code carries in the printed list. */
    public enum Mark {
        /** † : aetiology code, usable as principal diagnosis. */
        DAGGER("dagger"),
        /** * : manifestation code, only together with a dagger code. */
        ASTERISK("asterisk");

        private final String code;

        Mark(String code) {
            this.code = code;
        }

        /** The value used for the {@code dual-classification} property. */
        public String code() {
            return code;
        }
    }

    // Letter, two digits, then optionally an (optional) dot and one or two digits.
    private static final Pattern CODE = Pattern.compile("([A-Z][0-9]{2})(?:\\.?([0-9]{1,2}))?");
    private static final Pattern RANGE = Pattern.compile("[A-Z][0-9]{2}-[A-Z][0-9]{2}");
    // † (U+2020), * and the "+" some systems type for a dagger.
    private static final String MARKS = "\u2020*+";

    private Icd10Codes() {
    }

    /**
     * The WHO dotted form of {@code raw} ("A090", " a09.0† " → "A09.0"; "A09" stays "A09"), or
     * empty when it is not an ICD-10 category or subcategory code.
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = stripMark(raw.strip()).toUpperCase(Locale.ROOT);
        Matcher m = CODE.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2));
    }

    /** The dual-classification mark at the end of {@code raw} ("E11.2†" → DAGGER), if any. */
    public static Optional<Mark> mark(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        char last = raw.strip().charAt(raw.strip().length() - 1);
        if (last == '\u2020' || last == '+') {
            return Optional.of(Mark.DAGGER);
        }
        return last == '*' ? Optional.of(Mark.ASTERISK) : Optional.empty();
    }

    /** The code without its dot ("A09.0" → "A090"), as claims and the appendices write it. */
    public static String withoutDot(String code) {
        return code.replace(".", "");
    }

    /** The 3-character category of a normalised code ("A09.0" → "A09"). */
    public static String category(String code) {
        return code.substring(0, 3);
    }

    /** True for a normalised 3-character category code. */
    public static boolean isCategory(String code) {
        return code.length() == 3;
    }

    /** True for a chapter or block range such as "A00-B99" or "A00-A09". */
    public static boolean isRange(String text) {
        return text != null && RANGE.matcher(text.strip()).matches();
    }

    private static String stripMark(String s) {
        int end = s.length();
        while (end > 0 && (MARKS.indexOf(s.charAt(end - 1)) >= 0 || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }
}
