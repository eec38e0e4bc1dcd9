package vn.ehealth.nhr.loaders.techservices;

import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the rows of Appendix 3 and gathers them into services (one per service code, with every
 * ICD-9-CM code it maps to) and ICD-9-CM procedures. A service code may appear on several rows
 * (once per ICD-9-CM code, or a repeated row): its name, specialty, tier and class must then agree.
 */
final class TechnicalServiceTable {

    static final String SPECIALTY_CODE = "Mã chuyên khoa 21";
    static final String SPECIALTY_NAME = "Chuyên khoa 21";
    static final String CODE = "Mã tương đương";
    static final String NAME = "Tên 21";
    static final String TIER = "Phân tuyến";
    static final String CLASS = "Phân loại";
    static final String ICD9_CODE = "Mã ICD-9";
    static final String ICD9_NAME = "Tên ICD-9";
    static final String ICD9_CHAPTER = "Chương ICD-9";
    static final Set<String> REQUIRED_COLUMNS = new LinkedHashSet<>(List.of(SPECIALTY_CODE, SPECIALTY_NAME, CODE, NAME,
            TIER, CLASS, ICD9_CODE, ICD9_NAME, ICD9_CHAPTER));

    /** Specialty (2 digits) . number in the specialty (4 digits, a letter for inserted items: 205b) . price-list number (4 digits). */
    static final Pattern SERVICE_CODE = Pattern.compile("\\d{2}\\.\\d{3}[0-9a-z]\\.\\d{4}");
    /** ICD-9-CM volume 3: two-digit category, optionally one or two decimals. */
    static final Pattern ICD9_PROCEDURE = Pattern.compile("\\d{2}(\\.\\d{1,2})?");
    private static final Pattern TIERS = Pattern.compile("[ABCD]");
    private static final Pattern CHAPTER = Pattern.compile("\\((\\d{2}-\\d{2})\\)\\s*(.*)");

    record Service(String code, String name, String specialty, String tier, String serviceClass,
                   Set<String> icd9Codes, int line) {
    }

    record Procedure(String code, String name, String chapter, String chapterName, int line) {
    }

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Procedure> procedures = new LinkedHashMap<>();
    private final Map<String, String> specialtyNames = new HashMap<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int repeatedRows;
    private int derivedSpecialties;

    void read(Table table, Runnable onRow) {
        for (TableRow row : table.rows()) {
            readRow(row);
            onRow.run();
        }
        if (table.rows().isEmpty()) {
            problems.add(new RowProblem(table.file(), table.headerLine(), "no data rows under the header"));
        }
        if (repeatedRows > 0) {
            notes.add(repeatedRows + " row(s) repeat an earlier row exactly and were merged into it");
        }
        if (derivedSpecialties > 0) {
            notes.add(derivedSpecialties + " row(s) without a specialty code: taken from the service code's first segment");
        }
    }

    private void readRow(TableRow row) {
        String code = row.get(CODE);
        String name = clean(row.get(NAME));
        int before = problems.size();
        if (code.isEmpty()) {
            problems.add(row.problem("empty service code (column " + CODE + ")"));
            return;
        }
        if (!SERVICE_CODE.matcher(code).matches()) {
            problems.add(row.problem("service code \"" + code + "\" is not like 01.0115.0297"));
            return;
        }
        if (name.isEmpty()) {
            problems.add(row.problem("empty name of service " + code + " (column " + NAME + ")"));
        }
        String specialty = specialty(row, code);
        specialtyName(row, specialty);
        String tier = row.get(TIER);
        if (!tier.isEmpty() && !TIERS.matcher(tier).matches()) {
            problems.add(row.problem("tier (" + TIER + ") \"" + tier + "\" of " + code + " is not one of A, B, C, D"));
        }
        String icd9 = procedure(row);
        if (problems.size() > before) {
            return;
        }
        Service s = new Service(code, name, specialty, tier, row.get(CLASS),
                new LinkedHashSet<>(), row.line());
        Service first = services.putIfAbsent(code, s);
        if (first != null) {
            merge(row, first, s, icd9);
        } else if (icd9 != null) {
            s.icd9Codes().add(icd9);
        }
    }

    private void merge(TableRow row, Service first, Service again, String icd9) {
        List<String> differences = new ArrayList<>();
        compare(differences, "name", first.name(), again.name());
        compare(differences, "specialty", first.specialty(), again.specialty());
        compare(differences, "tier", first.tier(), again.tier());
        compare(differences, "class", first.serviceClass(), again.serviceClass());
        if (!differences.isEmpty()) {
            problems.add(row.problem("service " + again.code() + " conflicts with line " + first.line() + ": "
                    + String.join("; ", differences)));
        } else if (icd9 == null || !first.icd9Codes().add(icd9)) {
            repeatedRows++;
        }
    }

    private static void compare(List<String> differences, String what, String a, String b) {
        if (!Objects.equals(a, b)) {
            differences.add(what + " \"" + b + "\" vs \"" + a + "\"");
        }
    }

    /** The specialty number, two digits; when the cell is empty, the service code's first segment. */
    private String specialty(TableRow row, String code) {
        String prefix = code.substring(0, 2);
        String cell = row.get(SPECIALTY_CODE);
        if (cell.isEmpty()) {
            derivedSpecialties++;
            return prefix;
        }
        if (!cell.matches("\\d{1,2}") || Integer.parseInt(cell) != Integer.parseInt(prefix)) {
            problems.add(row.problem("specialty code \"" + cell + "\" does not match service code " + code));
        }
        return prefix;
    }

    /** The file leaves some specialty names empty; any row naming the specialty names it for all. */
    private void specialtyName(TableRow row, String specialty) {
        String name = clean(row.get(SPECIALTY_NAME));
        String first = name.isEmpty() ? null : specialtyNames.putIfAbsent(specialty, name);
        if (first != null && !first.equals(name)) {
            problems.add(row.problem("specialty " + specialty + " is named \"" + name + "\" here but \"" + first
                    + "\" on an earlier line"));
        }
    }

    /** The row's ICD-9-CM code (null when the service is not mapped), checked against earlier rows. */
    private String procedure(TableRow row) {
        String code = row.get(ICD9_CODE);
        String name = clean(row.get(ICD9_NAME));
        if (code.isEmpty()) {
            if (!name.isEmpty()) {
                problems.add(row.problem("ICD-9 name \"" + name + "\" without an ICD-9 code"));
            }
            return null;
        }
        if (!ICD9_PROCEDURE.matcher(code).matches()) {
            problems.add(row.problem("ICD-9 code \"" + code + "\" is not an ICD-9-CM procedure code like 88.73"));
            return null;
        }
        if (name.isEmpty()) {
            problems.add(row.problem("empty name of ICD-9 code " + code + " (column " + ICD9_NAME + ")"));
            return null;
        }
        var chapter = CHAPTER.matcher(clean(row.get(ICD9_CHAPTER)));
        if (!chapter.matches()) {
            problems.add(row.problem("ICD-9 chapter \"" + row.get(ICD9_CHAPTER) + "\" of " + code + " is not like \"(87-99) NAME\""));
            return null;
        }
        Procedure p = new Procedure(code, name, chapter.group(1), chapter.group(2), row.line());
        Procedure first = procedures.putIfAbsent(code, p);
        if (first != null && !(first.name().equals(name) && first.chapter().equals(p.chapter()))) {
            problems.add(row.problem("ICD-9 code " + code + " conflicts with line " + first.line() + ": \""
                    + name + "\" (" + p.chapter() + ") vs \"" + first.name() + "\" (" + first.chapter() + ")"));
            return null;
        }
        return code;
    }

    /** Trimmed, inner runs of spaces collapsed: the official names carry stray spaces. */
    static String clean(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    Map<String, Service> services() {
        return services;
    }

    Map<String, Procedure> procedures() {
        return procedures;
    }

    /** Specialty names by specialty number (some specialties are never named in the file). */
    Map<String, String> specialtyNames() {
        return specialtyNames;
    }

    List<RowProblem> problems() {
        return problems;
    }

    List<String> notes() {
        return notes;
    }
}
