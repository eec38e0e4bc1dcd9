package vn.ehealth.nhr.loaders.icd10;

import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;
import vn.ehealth.nhr.loaders.table.TableRow;
import vn.ehealth.nhr.terminology.Icd10Codes;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The appendices of QĐ 4469 that restrict where a code may be used: A2 (not a principal diagnosis),
 * A3.x (valid ages) and A4.x (one sex only). Only the {@code Mã} column is read: the name columns
 * are VLOOKUP formulas into the main sheet and add nothing.
 *
 * <p>The rules below are transcribed from each section's title line ("Phụ lục A3.7 … (tuổi hợp
 * lệ: 8 – 19 tuổi)"); two sheets hold several sections, each opened by its own title row.
 * Ages are in days with a year of 365.25 days (see docs/terminology/icd10-vn.md).
 */
final class Icd10Appendices {

    /** What one appendix section says about the codes it lists. */
    record Rule(String appendix, String sex, Integer minDays, Integer maxDays, boolean notPrincipal) {
    }

    /** One listed code, with the row it came from. */
    record Entry(String code, Rule rule, TableRow row) {
    }

    static final String CODE_COLUMN = "Mã";

    /** Sheet name → its sections in order (the first one is introduced by the sheet's title line). */
    static final Map<String, List<Rule>> SHEETS = sheets();

    private static final Pattern SECTION_ID = Pattern.compile("A\\d+(?:\\.\\d+)?");

    private final List<RowProblem> problems;

    Icd10Appendices(List<RowProblem> problems) {
        this.problems = problems;
    }

    /** Every code listed in every appendix sheet of {@code file}; problems are collected. */
    List<Entry> read(Path file) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Rule>> sheet : SHEETS.entrySet()) {
            try {
                Table table = TableReader.read(file, sheet.getKey(), Set.of(CODE_COLUMN));
                readSheet(table, sheet.getValue(), entries);
            } catch (TableReader.UnreadableFileException e) {
                problems.add(e.problem());
            }
        }
        return entries;
    }

    private void readSheet(Table table, List<Rule> sections, List<Entry> entries) {
        Rule current = sections.get(0);
        for (TableRow row : table.rows()) {
            String cell = Normalizer.normalize(row.get(CODE_COLUMN), Normalizer.Form.NFC);
            if (cell.toLowerCase(Locale.ROOT).startsWith("phụ lục")) {
                Optional<Rule> next = section(cell, sections);
                if (next.isEmpty()) {
                    problems.add(row.problem("appendix section '" + cell + "' is not one of "
                            + sections.stream().map(Rule::appendix).toList() + " expected in sheet " + table.sheet()));
                    continue;
                }
                current = next.get();
            } else if (!cell.equalsIgnoreCase(CODE_COLUMN)) {
                Optional<String> code = Icd10Codes.normalise(cell);
                if (code.isEmpty()) {
                    problems.add(row.problem("appendix " + current.appendix() + ": '" + cell + "' is not an ICD-10 code"));
                } else {
                    entries.add(new Entry(code.get(), current, row));
                }
            }
        }
    }

    private static Optional<Rule> section(String title, List<Rule> sections) {
        Matcher m = SECTION_ID.matcher(title);
        if (!m.find()) {
            return Optional.empty();
        }
        return sections.stream().filter(r -> r.appendix().equals(m.group())).findFirst();
    }

    private static Map<String, List<Rule>> sheets() {
        Map<String, List<Rule>> s = new LinkedHashMap<>();
        s.put("A2 Mã ICD10 ko mã bệnh chính", List.of(new Rule("A2", null, null, null, true)));
        s.put("A3.1", List.of(age("A3.1", 0, 365)));
        s.put("A3.2-A3.3-A3.4", List.of(
                age("A3.2", 0, AgeDays.toYears(2)),
                age("A3.3", 0, AgeDays.toYears(10)),
                age("A3.4", 0, AgeDays.toYears(19))));
        s.put("A3.5", List.of(age("A3.5", 28, null)));
        s.put("A3.6", List.of(age("A3.6", AgeDays.fromYears(1), null)));
        s.put("A3.7 - A3.8", List.of(
                age("A3.7", AgeDays.fromYears(8), AgeDays.toYears(19)),
                age("A3.8", AgeDays.fromYears(9), AgeDays.toYears(60))));
        s.put("A3.9", List.of(age("A3.9", AgeDays.overYears(15), null)));
        s.put("A3.10", List.of(age("A3.10", AgeDays.overYears(30), null)));
        s.put("A4.1", List.of(new Rule("A4.1", "female", null, null, false)));
        s.put("A4.2", List.of(new Rule("A4.2", "male", null, null, false)));
        return s;
    }

    private static Rule age(String appendix, Integer minDays, Integer maxDays) {
        return new Rule(appendix, null, minDays, maxDays, false);
    }

    /** Ages in days, with a year of 365.25 days so that leap years average out. */
    static final class AgeDays {
        private static final double YEAR = 365.25;

        private AgeDays() {
        }

        /** First day of age {@code years} ("from 8 years" → 2922). */
        static int fromYears(int years) {
            return (int) Math.floor(years * YEAR);
        }

        /** Last day of age {@code years}, inclusive ("to 19 years" → 7304, the day before turning 20). */
        static int toYears(int years) {
            return fromYears(years + 1) - 1;
        }

        /** First day strictly after the {@code years}-th birthday ("over 15 years" → 5479). */
        static int overYears(int years) {
            return fromYears(years) + 1;
        }
    }
}
