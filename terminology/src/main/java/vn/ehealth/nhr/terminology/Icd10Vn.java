package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;

import java.util.List;

/**
 * ICD-10, Vietnamese edition of QĐ 4469/QĐ-BYT (26/10/2020): the shipped CodeSystem, its identity
 * and the names of the concept properties the converter sets and the server and profiles read.
 */
public final class Icd10Vn {

    /** WHO's canonical URL for ICD-10; the national edition is told apart by {@link #VERSION}. */
    public static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10";

    public static final String VERSION = "4469/QĐ-BYT-2020";

    public static final String RESOURCE_FILE = "CodeSystem-icd10-vn.json";

    /** chapter | block | category | subcategory. */
    public static final String PROPERTY_KIND = "kind";
    /** Roman numeral of the chapter (I–XXII), on chapter concepts. */
    public static final String PROPERTY_CHAPTER_NUMBER = "chapter-number";
    /** Chapter range ("A00-B99") a block, category or subcategory belongs to. */
    public static final String PROPERTY_CHAPTER = "chapter";
    /** Innermost block range ("A00-A09") a category or subcategory belongs to. */
    public static final String PROPERTY_BLOCK = "block";
    /** dagger | asterisk ({@link Icd10Codes.Mark}). */
    public static final String PROPERTY_DUAL_CLASSIFICATION = "dual-classification";
    /** female | male: the code applies to one sex only (appendices A4.1, A4.2). */
    public static final String PROPERTY_SEX = "sex";
    /** Youngest valid age in days (appendices A3.x). */
    public static final String PROPERTY_AGE_MIN_DAYS = "age-min-days";
    /** Oldest valid age in days (appendices A3.x). */
    public static final String PROPERTY_AGE_MAX_DAYS = "age-max-days";
    /** false when the code must not be the principal diagnosis (appendix A2). */
    public static final String PROPERTY_PRINCIPAL_DIAGNOSIS = "principal-diagnosis";
    /** The code as claims write it ("A090"). */
    public static final String PROPERTY_CODE_WITHOUT_DOT = "code-without-dot";

    private static final ConformanceResourceFolder FOLDER =
            new ConformanceResourceFolder("nhr/terminology", List.of(RESOURCE_FILE));

    private Icd10Vn() {
    }

    /** The shipped code system, parsed (about 12,000 concepts: parse once and keep it). */
    public static CodeSystem codeSystem(FhirContext fhirContext) {
        return FOLDER.parse(fhirContext, CodeSystem.class, RESOURCE_FILE);
    }
}
