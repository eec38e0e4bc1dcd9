package vn.ehealth.nhr.loaders.table;

import java.nio.file.Path;
import java.util.List;

/** The rows of one sheet (or CSV file) under a header row, with the header row's line number. */
public record Table(Path file, String sheet, int headerLine, List<String> headers, List<TableRow> rows) {
}
