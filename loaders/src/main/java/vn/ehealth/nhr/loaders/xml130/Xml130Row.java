package vn.ehealth.nhr.loaders.xml130;

import java.util.Map;

/**
 * One row of a table: its columns by name (text trimmed, empty columns left out) and its position
 * in the table (1-based), used when the row has no {@code STT}.
 */
public record Xml130Row(Xml130Table table, int position, Map<String, String> columns) {

    /** The column's value, or {@code null} when absent or blank. */
    public String get(String column) {
        String v = columns.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public boolean has(String column) {
        return get(column) != null;
    }

    /** The row's STT as written, else its position: how a report names the row. */
    public String stt() {
        String stt = get("STT");
        return stt != null ? stt : Integer.toString(position);
    }

    public String maLk() {
        return get("MA_LK");
    }
}
