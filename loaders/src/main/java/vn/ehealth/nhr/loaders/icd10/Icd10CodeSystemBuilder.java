package vn.ehealth.nhr.loaders.icd10;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the FHIR CodeSystem from assembled concepts: metadata, declared properties, nested concepts. */
final class Icd10CodeSystemBuilder {

    static final String ID = "icd10-vn";
    static final String TITLE = "Phân loại quốc tế bệnh tật ICD-10 (bản tiếng Việt, QĐ 4469/QĐ-BYT)";
    static final String PUBLISHER = "Bộ Y tế (Ministry of Health of Viet Nam)";
    static final String DESCRIPTION = "International Statistical Classification of Diseases and Related Health "
            + "Problems, 10th revision, Vietnamese edition: the list of disease codes (Danh mục mã bệnh theo phân "
            + "loại quốc tế bệnh tật, nguyên nhân tử vong ICD-10) issued with Decision 4469/QĐ-BYT of 26/10/2020 "
            + "of the Minister of Health, which replaces the list issued with Decision 7603/QĐ-BYT of 25/12/2018. "
            + "Converted from the Ministry's spreadsheet (sheet ICD10 and appendices A2, A3.1–A3.10, A4.1–A4.2). "
            + "Concepts nest chapter → block (main group, sub-groups) → category → subcategory; codes use the "
            + "WHO dotted form without dagger/asterisk marks, which are kept in property dual-classification.";
    private static final Coding DISPLAY_USE =
            new Coding("http://terminology.hl7.org/CodeSystem/designation-usage", "display", "Display");

    private final Map<String, Icd10Node> nodes;
    private final Icd10Restrictions restrictions;

    Icd10CodeSystemBuilder(Map<String, Icd10Node> nodes, Icd10Restrictions restrictions) {
        this.nodes = nodes;
        this.restrictions = restrictions;
    }

    CodeSystem build() {
        CodeSystem cs = new CodeSystem();
        cs.setId(ID);
        cs.setUrl(Icd10Vn.SYSTEM);
        cs.setVersion(Icd10Vn.VERSION);
        cs.setName("ICD10VN");
        cs.setTitle(TITLE);
        cs.setLanguage("vi");
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setExperimental(false);
        cs.setDateElement(new DateTimeType("2020-10-26"));
        cs.setPublisher(PUBLISHER);
        cs.addContact(new ContactDetail().setName(PUBLISHER));
        cs.setDescription(DESCRIPTION);
        cs.setCaseSensitive(true);
        cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        declareProperties(cs);

        Map<String, ConceptDefinitionComponent> concepts = new HashMap<>();
        List<ConceptDefinitionComponent> roots = new ArrayList<>();
        int count = 0;
        for (Icd10Node node : nodes.values()) {
            ConceptDefinitionComponent concept = concept(node);
            concepts.put(node.code, concept);
            count++;
            if (node.parent == null) {
                roots.add(concept);
            }
        }
        // Second pass: a parent may appear after its child in the sheet (I79.2* among the I80 rows).
        for (Icd10Node node : nodes.values()) {
            if (node.parent != null) {
                concepts.get(node.parent).addConcept(concepts.get(node.code));
            }
        }
        cs.setConcept(roots);
        cs.setCount(count);
        return cs;
    }

    private static void declareProperties(CodeSystem cs) {
        property(cs, Icd10Vn.PROPERTY_KIND, PropertyType.CODE, "chapter | block | category | subcategory");
        property(cs, Icd10Vn.PROPERTY_CHAPTER_NUMBER, PropertyType.STRING, "Roman numeral of the chapter (chương)");
        property(cs, Icd10Vn.PROPERTY_CHAPTER, PropertyType.CODE, "Chapter range the concept belongs to (mã chương)");
        property(cs, Icd10Vn.PROPERTY_BLOCK, PropertyType.CODE, "Innermost block range the code belongs to (mã nhóm)");
        property(cs, Icd10Vn.PROPERTY_DUAL_CLASSIFICATION, PropertyType.CODE,
                "dagger (†, aetiology) | asterisk (*, manifestation): the mark the code carries in the list");
        property(cs, Icd10Vn.PROPERTY_SEX, PropertyType.CODE,
                "female | male: the code applies to that sex only (appendices A4.1, A4.2, inherited by subcategories)");
        // Typed as string/code, not integer/boolean: HAPI 8.8's $lookup fails (HAPI-0905) on other property types.
        property(cs, Icd10Vn.PROPERTY_AGE_MIN_DAYS, PropertyType.STRING,
                "Youngest valid age in days (decimal digits), year = 365.25 days (appendices A3.x, inherited by subcategories)");
        property(cs, Icd10Vn.PROPERTY_AGE_MAX_DAYS, PropertyType.STRING,
                "Oldest valid age in days (decimal digits), inclusive, year = 365.25 days (appendices A3.x, inherited by subcategories)");
        property(cs, Icd10Vn.PROPERTY_PRINCIPAL_DIAGNOSIS, PropertyType.CODE,
                "'false' when the code must not be used as principal diagnosis (appendix A2, inherited by subcategories); absent = allowed");
        property(cs, Icd10Vn.PROPERTY_CODE_WITHOUT_DOT, PropertyType.STRING, "The code without its dot, as claims write it (mã bệnh không dấu)");
    }

    private static void property(CodeSystem cs, String code, PropertyType type, String description) {
        cs.addProperty().setCode(code).setType(type).setDescription(description);
    }

    private ConceptDefinitionComponent concept(Icd10Node node) {
        ConceptDefinitionComponent c = new ConceptDefinitionComponent().setCode(node.code).setDisplay(node.vietnamese);
        c.addDesignation().setLanguage("vi").setUse(DISPLAY_USE.copy()).setValue(node.vietnamese);
        if (!node.english.isEmpty()) {
            c.addDesignation().setLanguage("en").setUse(DISPLAY_USE.copy()).setValue(node.english);
        }
        set(c, Icd10Vn.PROPERTY_KIND, new CodeType(node.kind.name().toLowerCase(Locale.ROOT)));
        if (node.kind == Icd10VnConverter.Kind.CHAPTER) {
            set(c, Icd10Vn.PROPERTY_CHAPTER_NUMBER, new StringType(node.chapterNumber));
            return c;
        }
        set(c, Icd10Vn.PROPERTY_CHAPTER, new CodeType(node.chapter));
        if (!node.isCode()) {
            return c;
        }
        set(c, Icd10Vn.PROPERTY_BLOCK, new CodeType(node.block));
        set(c, Icd10Vn.PROPERTY_CODE_WITHOUT_DOT, new StringType(node.code.replace(".", "")));
        if (node.mark != null) {
            set(c, Icd10Vn.PROPERTY_DUAL_CLASSIFICATION, new CodeType(node.mark.code()));
        }
        Icd10Restrictions.Restriction r = restrictions.of(node.code);
        if (r.notPrincipal()) {
            set(c, Icd10Vn.PROPERTY_PRINCIPAL_DIAGNOSIS, new CodeType("false"));
        }
        if (r.sex() != null) {
            set(c, Icd10Vn.PROPERTY_SEX, new CodeType(r.sex()));
        }
        if (r.minDays() != null) {
            set(c, Icd10Vn.PROPERTY_AGE_MIN_DAYS, new StringType(Integer.toString(r.minDays())));
        }
        if (r.maxDays() != null) {
            set(c, Icd10Vn.PROPERTY_AGE_MAX_DAYS, new StringType(Integer.toString(r.maxDays())));
        }
        return c;
    }

    private static void set(ConceptDefinitionComponent c, String property, Type value) {
        c.addProperty().setCode(property).setValue(value);
    }
}
