package vn.ehealth.nhr.loaders.table;

import java.nio.file.Path;
import java.util.Map;

/** One data row of a spreadsheet or CSV file, by column header, with its line number. */
public record TableRow(Path file, int line, Map<String, String> cells) {

    /** The trimmed cell under {@code column}, or "" when the cell is empty or the column absent. */
    public String get(String column) {
        String v = cells.get(TableReader.normaliseHeader(column));
        return v == null ? "" : v.strip();
    }

    public boolean isBlank() {
        return cells.values().stream().allMatch(v -> v == null || v.isBlank());
    }

    public RowProblem problem(String message) {
        return new RowProblem(file, line, message);
    }
}
