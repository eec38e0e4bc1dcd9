package vn.ehealth.nhr.loaders.table;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the Ministry's usual tabular files: {@code .xlsx} (Apache POI) and CSV (UTF-8, with or
 * without BOM). Official spreadsheets start with title lines above the header, so the header row
 * is found by the columns it must contain rather than assumed to be row 1. Headers are compared
 * case- and space-insensitively, in Unicode NFC.
 */
public final class TableReader {

    /** Thrown for a file that cannot be used at all (wrong type, missing sheet or columns, bad encoding). */
    public static final class UnreadableFileException extends Exception {
        private final RowProblem problem;

        public UnreadableFileException(RowProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public RowProblem problem() {
            return problem;
        }
    }

    private static final int HEADER_SEARCH_ROWS = 30;

    private TableReader() {
    }

    /**
     * Reads the sheet (xlsx; null = first sheet; ignored for CSV) whose header row contains every
     * {@code requiredColumns}. Formula cells are read as their cached value.
     */
    public static Table read(Path file, String sheetName, Set<String> requiredColumns) throws UnreadableFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new UnreadableFileException(new RowProblem(file, 0, "no such file"));
        }
        if (name.endsWith(".xlsx")) {
            return readXlsx(file, sheetName, requiredColumns);
        }
        if (name.endsWith(".csv")) {
            return readCsv(file, requiredColumns);
        }
        throw new UnreadableFileException(new RowProblem(file, 0,
                "unsupported file type (expected .xlsx or .csv; save .xls files as .xlsx)"));
    }

    /** Column headers as compared: NFC, upper case, single spaces. */
    public static String normaliseHeader(String header) {
        if (header == null) {
            return "";
        }
        String nfc = Normalizer.normalize(header, Normalizer.Form.NFC);
        return nfc.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static Table readXlsx(Path file, String sheetName, Set<String> required) throws UnreadableFileException {
        try (InputStream in = Files.newInputStream(file); Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = sheetName == null ? wb.getSheetAt(0) : wb.getSheet(sheetName);
            if (sheet == null) {
                List<String> names = new ArrayList<>();
                wb.forEach(s -> names.add(s.getSheetName()));
                throw new UnreadableFileException(new RowProblem(file, 0,
                        "sheet \"" + sheetName + "\" not found; the file has " + names));
            }
            DataFormatter fmt = new DataFormatter(Locale.ROOT);
            List<List<String>> raw = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(cellText(row.getCell(c), fmt));
                    }
                }
                raw.add(cells);
            }
            return toTable(file, sheet.getSheetName(), raw, required);
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof UnreadableFileException u) {
                throw u;
            }
            throw new UnreadableFileException(new RowProblem(file, 0, "not a readable .xlsx workbook: " + e.getMessage()));
        }
    }

    private static String cellText(Cell cell, DataFormatter fmt) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.FORMULA) {
            return switch (cell.getCachedFormulaResultType()) {
                case STRING -> cell.getStringCellValue();
                case NUMERIC -> fmt.formatRawCellContents(cell.getNumericCellValue(), -1, "General");
                case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
                default -> "";
            };
        }
        return fmt.formatCellValue(cell);
    }

    private static Table readCsv(Path file, Set<String> required) throws UnreadableFileException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(new RowProblem(file, 0,
                    "not UTF-8 text (save the CSV as UTF-8; Windows-1258/TCVN3 files must be converted first)"));
        } catch (IOException e) {
            throw new UnreadableFileException(new RowProblem(file, 0, "cannot be read: " + e.getMessage()));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> raw = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            for (CSVRecord rec : parser) {
                List<String> cells = new ArrayList<>();
                rec.forEach(cells::add);
                raw.add(cells);
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(new RowProblem(file, 0, "not valid CSV: " + e.getMessage()));
        }
        return toTable(file, null, raw, required);
    }

    private static Table toTable(Path file, String sheet, List<List<String>> raw, Set<String> required)
            throws UnreadableFileException {
        Set<String> wanted = new java.util.HashSet<>();
        required.forEach(c -> wanted.add(normaliseHeader(c)));
        Predicate<List<String>> isHeader = cells -> cells.stream().map(TableReader::normaliseHeader).toList().containsAll(wanted);
        Optional<Integer> headerIndex = Optional.empty();
        for (int i = 0; i < Math.min(raw.size(), HEADER_SEARCH_ROWS); i++) {
            if (!raw.get(i).isEmpty() && isHeader.test(raw.get(i))) {
                headerIndex = Optional.of(i);
                break;
            }
        }
        if (headerIndex.isEmpty()) {
            List<String> firstRow = raw.isEmpty() ? List.of() : raw.get(0);
            throw new UnreadableFileException(new RowProblem(file, 0, "missing column(s): no header row among the first "
                    + HEADER_SEARCH_ROWS + " lines contains all of " + required + " (first line: " + firstRow + ")"));
        }
        int h = headerIndex.get();
        List<String> headers = raw.get(h).stream().map(TableReader::normaliseHeader).toList();
        List<TableRow> rows = new ArrayList<>();
        for (int i = h + 1; i < raw.size(); i++) {
            Map<String, String> cells = new LinkedHashMap<>();
            List<String> values = raw.get(i);
            for (int c = 0; c < headers.size(); c++) {
                if (!headers.get(c).isEmpty()) {
                    cells.putIfAbsent(headers.get(c), c < values.size() ? values.get(c) : "");
                }
            }
            TableRow row = new TableRow(file, i + 1, cells);
            if (!row.isBlank()) {
                rows.add(row);
            }
        }
        return new Table(file, sheet, h + 1, headers, rows);
    }
}
