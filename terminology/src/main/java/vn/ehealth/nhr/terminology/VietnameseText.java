package vn.ehealth.nhr.terminology;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds Vietnamese text to its unaccented, lower-case form ("Nguyễn Văn Đức" → "nguyen van duc").
 *
 * <p>Citizens, vendors and analysts type names and disease labels with or without diacritics
 * (many hospital systems still store unaccented text), so every match on Vietnamese words has to
 * treat both spellings as equal. The full-text index does the same with Lucene's ASCII folding;
 * this class gives code outside the index (loaders, value-set filters) the identical rule.
 */
public final class VietnameseText {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private VietnameseText() {
    }

    /** Lower-case, diacritic-free, single-spaced form of {@code text}; {@code null} stays {@code null}. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        // Đ/đ is a separate letter, not D plus a combining mark, so NFD leaves it alone.
        String withoutD = text.replace('Đ', 'D').replace('đ', 'd');
        String decomposed = Normalizer.normalize(withoutD, Normalizer.Form.NFD);
        String bare = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        return SPACES.matcher(bare.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** True when both texts are equal once folded ("Đái tháo đường" equals "dai thao duong"). */
    public static boolean equalsFolded(String a, String b) {
        return a != null && b != null && fold(a).equals(fold(b));
    }

    /** True when the folded {@code text} contains the folded {@code fragment}. */
    public static boolean containsFolded(String text, String fragment) {
        return text != null && fragment != null && fold(text).contains(fold(fragment));
    }
}
