package vn.ehealth.nhr.loaders.icd10;

import vn.ehealth.nhr.loaders.icd10.Icd10VnConverter.Kind;
import vn.ehealth.nhr.terminology.Icd10Codes;

/**
 * One concept of the classification while it is being assembled from spreadsheet rows: a chapter,
 * a block (main group or sub-group), a category or a subcategory. Mutable because a category row
 * can be repeated with its dual-classification mark and the repetition completes the first row.
 */
final class Icd10Node {

    final String code;
    final Kind kind;
    final int line;
    String vietnamese;
    String english;
    /** Code of the parent concept; null for chapters. */
    String parent;
    /** Roman numeral, chapters only. */
    String chapterNumber;
    String chapter;
    /** Innermost block, for categories and subcategories. */
    String block;
    Icd10Codes.Mark mark;

    Icd10Node(String code, Kind kind, int line, String vietnamese, String english) {
        this.code = code;
        this.kind = kind;
        this.line = line;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    boolean isCode() {
        return kind == Kind.CATEGORY || kind == Kind.SUBCATEGORY;
    }
}
