package vn.ehealth.nhr.server.consent;

import vn.ehealth.nhr.terminology.Icd10Codes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inclusive range of ICD-10 categories ("F00-F99", or one category "Z21") from the
 * {@code icd10-ranges} property of the data-category catalogue. A code belongs to the range when
 * its 3-character category does ("F32.1" ∈ F00-F99); categories compare as text because they all
 * have the shape letter + two digits.
 */
public record Icd10Range(String first, String last) {

    /** Parses "O00-O99; Z30-Z39; N97". */
    public static List<Icd10Range> parseList(String text) {
        List<Icd10Range> ranges = new ArrayList<>();
        if (text == null) {
            return ranges;
        }
        for (String part : text.split("[;,]")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (Icd10Codes.isRange(p)) {
                String[] ends = p.split("-");
                ranges.add(new Icd10Range(ends[0], ends[1]));
            } else {
                String category = Icd10Codes.normalise(p).map(Icd10Codes::category)
                        .orElseThrow(() -> new IllegalArgumentException("not an ICD-10 range: " + part));
                ranges.add(new Icd10Range(category, category));
            }
        }
        return ranges;
    }

    /** True when the code (any spelling {@link Icd10Codes#normalise} accepts) falls in the range. */
    public boolean contains(String code) {
        return Icd10Codes.normalise(code).map(Icd10Codes::category)
                .map(c -> c.compareTo(first) >= 0 && c.compareTo(last) <= 0)
                .orElse(false);
    }

    @Override
    public String toString() {
        return first.equals(last) ? first : first + "-" + last;
    }
}
