package vn.ehealth.nhr.terminology;

import java.util.Comparator;
import java.util.function.Function;

/**
 * Orders concepts matched by a typed filter the way a person expects: the concept named exactly
 * what was typed first, then names starting with it, then names containing it as whole words,
 * then any other match; shorter names before longer ones; codes as the last tie-break. Text is
 * compared folded ({@link VietnameseText}), so "dai thao duong" ranks "Đái tháo đường" first.
 */
public final class DisplayMatchRanking {

    private DisplayMatchRanking() {
    }

    /** A comparator over items with a display and a code, for the given filter text. */
    public static <T> Comparator<T> forFilter(String filter, Function<T, String> display, Function<T, String> code) {
        String f = VietnameseText.fold(filter);
        return Comparator.<T>comparingInt(item -> rank(f, VietnameseText.fold(nullToEmpty(display.apply(item)))))
                .thenComparingInt(item -> nullToEmpty(display.apply(item)).length())
                .thenComparing(item -> nullToEmpty(code.apply(item)));
    }

    /** 0 exact, 1 prefix, 2 whole-word phrase, 3 substring, 4 otherwise (matched by other means). */
    static int rank(String foldedFilter, String foldedDisplay) {
        if (foldedFilter == null || foldedFilter.isEmpty()) {
            return 4;
        }
        if (foldedDisplay.equals(foldedFilter)) {
            return 0;
        }
        if (foldedDisplay.startsWith(foldedFilter)) {
            return 1;
        }
        if ((" " + foldedDisplay + " ").contains(" " + foldedFilter + " ")) {
            return 2;
        }
        return foldedDisplay.contains(foldedFilter) ? 3 : 4;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
