package vn.ehealth.nhr.profiles;

import java.util.Locale;

/**
 * The language the guide's messages are written in for one request: Vietnamese unless the caller
 * prefers English (HTTP {@code Accept-Language}). Only these two exist; anything else gets
 * Vietnamese, the guide's own language.
 */
public enum MessageLanguage {
    VIETNAMESE("vi"), ENGLISH("en");

    private final String tag;

    MessageLanguage(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * Reads an {@code Accept-Language} header ("en-US,en;q=0.9,vi;q=0.8"): the first of vi/en with
     * the highest quality wins; no header, or neither language named, means Vietnamese.
     */
    public static MessageLanguage fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return VIETNAMESE;
        }
        MessageLanguage best = VIETNAMESE;
        double bestQuality = -1;
        for (String part : header.split(",")) {
            String[] pieces = part.trim().split(";");
            String language = pieces[0].trim().toLowerCase(Locale.ROOT);
            double quality = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException ignored) {
                        quality = 0;
                    }
                }
            }
            MessageLanguage candidate = language.startsWith("en") ? ENGLISH : language.startsWith("vi") ? VIETNAMESE : null;
            if (candidate != null && quality > bestQuality) {
                best = candidate;
                bestQuality = quality;
            }
        }
        return best;
    }
}
