package vn.ehealth.nhr.loaders.icd10;

import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableRow;
import vn.ehealth.nhr.terminology.Icd10Codes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the rows of sheet {@code ICD10} into concepts. Every row repeats its chapter and groups, so
 * chapters and blocks are registered the first time they are seen; categories and subcategories
 * come one per row. Parents of subcategories are resolved by code once all rows are read, because
 * the sheet is not strictly ordered (I79.2* sits among the I80 rows).
 */
final class Icd10MainSheet {

    static final String SHEET = "ICD10";
    static final String CHAPTER_NUMBER = "STT CHƯƠNG";
    static final String CHAPTER = "MÃ CHƯƠNG";
    static final String CATEGORY = "MÃ LOẠI";
    static final String CODE = "MÃ BỆNH";
    static final String CODE_WITHOUT_DOT = "MÃ BỆNH KHÔNG DẤU";
    static final String NAME_EN = "DISEASE NAME";
    static final String NAME_VI = "TÊN BỆNH";

    /** Block levels, outermost first: code column, English name column, Vietnamese name column. */
    private static final List<List<String>> GROUP_LEVELS = List.of(
            List.of("MÃ NHÓM CHÍNH", "MAIN GROUP NAME I", "TÊN NHÓM CHÍNH"),
            List.of("MÃ NHÓM PHỤ 1", "SUB GROUP NAME I", "TÊN NHÓM PHỤ 1"),
            List.of("MÃ NHÓM PHỤ 2", "SUB GROUP NAME II", "TÊN NHÓM PHỤ 2"));

    static final Set<String> REQUIRED_COLUMNS = Set.of(CHAPTER_NUMBER, CHAPTER, "CHAPTER NAME", "TÊN CHƯƠNG",
            GROUP_LEVELS.get(0).get(0), GROUP_LEVELS.get(0).get(1), GROUP_LEVELS.get(0).get(2),
            GROUP_LEVELS.get(1).get(0), GROUP_LEVELS.get(1).get(1), GROUP_LEVELS.get(1).get(2),
            GROUP_LEVELS.get(2).get(0), GROUP_LEVELS.get(2).get(1), GROUP_LEVELS.get(2).get(2),
            CATEGORY, CODE, CODE_WITHOUT_DOT, NAME_EN, NAME_VI);

    private final Map<String, Icd10Node> nodes = new LinkedHashMap<>();
    private final List<RowProblem> problems;
    private Path file;
    private final List<String> notes;

    Icd10MainSheet(List<RowProblem> problems, List<String> notes) {
        this.problems = problems;
        this.notes = notes;
    }

    /** All concepts by code, in the order they first appear. */
    Map<String, Icd10Node> nodes() {
        return nodes;
    }

    void read(Table table, Runnable afterEachRow) {
        file = table.file();
        for (TableRow row : table.rows()) {
            readRow(row);
            afterEachRow.run();
        }
        resolveSubcategoryParents();
    }

    private void readRow(TableRow row) {
        String chapter = row.get(CHAPTER);
        if (!Icd10Codes.isRange(chapter)) {
            problems.add(row.problem("chapter (" + CHAPTER + ") is missing or not a range like A00-B99: '" + chapter + "'"));
            return;
        }
        chapterNode(row, chapter);
        String block = chapter;
        for (List<String> level : GROUP_LEVELS) {
            String group = row.get(level.get(0));
            if (group.isEmpty()) {
                continue;
            }
            if (!Icd10Codes.isRange(group)) {
                problems.add(row.problem("block (" + level.get(0) + ") is not a range like A00-A09: '" + group + "'"));
                return;
            }
            blockNode(row, group, block, chapter, level);
            block = group;
        }
        if (block.equals(chapter)) {
            problems.add(row.problem("block (" + GROUP_LEVELS.get(0).get(0) + ") is missing"));
            return;
        }
        codeNode(row, chapter, block);
    }

    private void chapterNode(TableRow row, String chapter) {
        if (nodes.containsKey(chapter)) {
            return;
        }
        Icd10Node node = new Icd10Node(chapter, Icd10VnConverter.Kind.CHAPTER, row.line(), row.get("TÊN CHƯƠNG"), row.get("CHAPTER NAME"));
        node.chapterNumber = row.get(CHAPTER_NUMBER);
        nodes.put(chapter, node);
    }

    private void blockNode(TableRow row, String code, String parent, String chapter, List<String> level) {
        Icd10Node known = nodes.get(code);
        if (known == null) {
            Icd10Node node = new Icd10Node(code, Icd10VnConverter.Kind.BLOCK, row.line(), row.get(level.get(2)), row.get(level.get(1)));
            node.parent = parent;
            node.chapter = chapter;
            nodes.put(code, node);
        } else if (!Objects.equals(known.parent, parent) && !isAncestor(parent, known.parent)) {
            // A row may skip an intermediate group (C64 names only C64-C68), but never move a block.
            problems.add(row.problem("block " + code + " is placed under " + parent
                    + " but under " + known.parent + " on line " + known.line));
        }
    }

    private void codeNode(TableRow row, String chapter, String block) {
        String raw = row.get(CODE);
        Optional<String> normalised = Icd10Codes.normalise(raw);
        if (normalised.isEmpty()) {
            problems.add(row.problem("code (" + CODE + ") '" + raw + "' is not an ICD-10 code like A09 or A09.0"));
            return;
        }
        String code = normalised.get();
        String withoutDot = row.get(CODE_WITHOUT_DOT);
        if (!withoutDot.equals(Icd10Codes.withoutDot(code))) {
            problems.add(row.problem(CODE_WITHOUT_DOT + " '" + withoutDot + "' does not match " + CODE + " '" + raw + "'"));
        }
        if (row.get(NAME_VI).isEmpty()) {
            problems.add(row.problem("code " + code + " has no Vietnamese name (" + NAME_VI + ")"));
        }
        boolean category = Icd10Codes.isCategory(code);
        Icd10Node node = new Icd10Node(code, category ? Icd10VnConverter.Kind.CATEGORY : Icd10VnConverter.Kind.SUBCATEGORY,
                row.line(), row.get(NAME_VI), row.get(NAME_EN));
        node.mark = Icd10Codes.mark(raw).orElse(null);
        node.chapter = chapter;
        if (category) {
            node.parent = block;
            node.block = block;
            if (!withinRange(code, block)) {
                // Kept where the Ministry put it (X58-X59 are listed in block X50-X57), but said.
                notes.add(row.problem("category " + code + " lies outside its block " + block + "; kept there").toString());
            }
        } else {
            String listedUnder = Icd10Codes.normalise(row.get(CATEGORY)).orElse(row.get(CATEGORY));
            if (!listedUnder.equals(Icd10Codes.category(code))) {
                notes.add(row.problem(code + " is listed under " + CATEGORY + " " + listedUnder
                        + "; placed under " + Icd10Codes.category(code) + " by its code").toString());
            }
        }
        Icd10Node known = nodes.get(code);
        if (known == null) {
            nodes.put(code, node);
        } else {
            mergeRepeatedRow(row, known, node);
        }
    }

    /**
     * The official sheet lists some categories twice: plainly, then with their † or * mark (A17 and
     * A17†), or twice identically (J13). Both are one concept; any other repetition is an error.
     */
    private void mergeRepeatedRow(TableRow row, Icd10Node known, Icd10Node repeat) {
        boolean oneMarked = (known.mark == null) != (repeat.mark == null);
        boolean markAdded = oneMarked && known.kind == Icd10VnConverter.Kind.CATEGORY && Objects.equals(known.block, repeat.block);
        boolean identical = Objects.equals(known.mark, repeat.mark) && known.vietnamese.equals(repeat.vietnamese)
                && known.english.equals(repeat.english) && Objects.equals(known.parent, repeat.parent);
        if (markAdded) {
            // The marked row carries the WHO title of the dual-classification category (H82*).
            Icd10Node marked = known.mark != null ? known : repeat;
            known.mark = marked.mark;
            known.vietnamese = marked.vietnamese;
            Icd10Node plain = marked == known ? repeat : known;
            known.english = marked.english.isEmpty() ? plain.english : marked.english;
        } else if (identical) {
            notes.add(row.problem(repeat.code + " repeats line " + known.line + " identically; kept once").toString());
        } else {
            problems.add(row.problem("duplicate code " + repeat.code + " (also on line " + known.line + ")"));
        }
    }

    private void resolveSubcategoryParents() {
        for (Icd10Node node : nodes.values()) {
            if (node.kind != Icd10VnConverter.Kind.SUBCATEGORY) {
                continue;
            }
            Icd10Node category = nodes.get(Icd10Codes.category(node.code));
            if (category == null || category.kind != Icd10VnConverter.Kind.CATEGORY) {
                problems.add(new RowProblem(file, node.line, "subcategory " + node.code + " has no category row "
                        + Icd10Codes.category(node.code)));
                continue;
            }
            // WHO's fifth character (M01.00) hangs under its four-character code when that exists.
            Icd10Node fourCharacter = node.code.length() == 6 ? nodes.get(node.code.substring(0, 5)) : null;
            node.parent = fourCharacter != null ? fourCharacter.code : category.code;
            node.chapter = category.chapter;
            node.block = category.block;
        }
    }

    private boolean isAncestor(String candidate, String of) {
        for (String c = of; c != null; c = nodes.containsKey(c) ? nodes.get(c).parent : null) {
            if (c.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean withinRange(String category, String range) {
        return category.compareTo(range.substring(0, 3)) >= 0 && category.compareTo(range.substring(4)) <= 0;
    }
}
