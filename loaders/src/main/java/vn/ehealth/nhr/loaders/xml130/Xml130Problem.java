package vn.ehealth.nhr.loaders.xml130;

import vn.ehealth.nhr.profiles.MessageLanguage;

/**
 * Why (part of) an episode cannot be loaded, located as a hospital's staff would look for it:
 * table, row (STT) and column, e.g. {@code XML1 STT 3 SO_CCCD: 11 chữ số}. Either part of the
 * location may be missing (a problem of the envelope itself names neither table nor row).
 */
public record Xml130Problem(String table, String stt, String column, String vietnamese, String english) {

    public static Xml130Problem of(Xml130Row row, String column, String vietnamese, String english) {
        return new Xml130Problem(row.table().name(), row.stt(), column, vietnamese, english);
    }

    public static Xml130Problem ofTable(Xml130Table table, String column, String vietnamese, String english) {
        return new Xml130Problem(table == null ? null : table.name(), null, column, vietnamese, english);
    }

    public static Xml130Problem general(String vietnamese, String english) {
        return new Xml130Problem(null, null, null, vietnamese, english);
    }

    /** "XML2 STT 7 MA_BAC_SI: message" in the language asked for. */
    public String format(MessageLanguage language) {
        StringBuilder s = new StringBuilder();
        if (table != null) {
            s.append(table);
        }
        if (stt != null) {
            s.append(s.isEmpty() ? "" : " ").append("STT ").append(stt);
        }
        if (column != null) {
            s.append(s.isEmpty() ? "" : " ").append(column);
        }
        if (!s.isEmpty()) {
            s.append(": ");
        }
        return s.append(language == MessageLanguage.ENGLISH ? english : vietnamese).toString();
    }

    @Override
    public String toString() {
        return format(MessageLanguage.VIETNAMESE);
    }
}
