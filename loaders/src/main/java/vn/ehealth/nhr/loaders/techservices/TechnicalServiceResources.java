package vn.ehealth.nhr.loaders.techservices;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import vn.ehealth.nhr.loaders.techservices.TechnicalServiceTable.Procedure;
import vn.ehealth.nhr.loaders.techservices.TechnicalServiceTable.Service;

import java.util.List;
import java.util.Map;

import static vn.ehealth.nhr.terminology.TechnicalServices.*;

/**
 * Builds the five resources of Appendix 3 from checked rows: the service CodeSystem and ValueSet,
 * the ICD-9-CM fragment (the procedures the appendix names, with the Ministry's Vietnamese names)
 * and its ValueSet, and the ConceptMap service → ICD-9-CM.
 */
final class TechnicalServiceResources {

    private static final String PUBLISHER = "Bộ Y tế (Ministry of Health of Vietnam)";
    private static final String DATE = "2020-10-20";
    private static final String BASIS = "Phụ lục 3, Danh mục chuyển đổi giữa danh mục kỹ thuật tương đương và phân loại "
            + "phẫu thuật, thủ thuật quốc tế ICD-9 CM (ban hành kèm theo Quyết định …/QĐ-BYT ngày 20/10/2020 của Bộ trưởng Bộ Y tế)";

    private final TechnicalServiceTable table;
    private final String source;

    TechnicalServiceResources(TechnicalServiceTable table, String sourceFileName) {
        this.table = table;
        this.source = sourceFileName;
    }

    /** In load order: code systems before the value sets and the map that use them. */
    List<MetadataResource> build() {
        return List.of(serviceCodeSystem(), valueSet("vn-technical-service", VALUE_SET, SYSTEM, VERSION,
                        "Dịch vụ kỹ thuật (mã tương đương)"),
                procedureCodeSystem(), valueSet("vn-icd9cm-procedures", ICD9_VALUE_SET, ICD9_SYSTEM, ICD9_VERSION,
                        "Phân loại phẫu thuật, thủ thuật ICD-9-CM tập 3 có trong Phụ lục 3"),
                conceptMap());
    }

    private CodeSystem serviceCodeSystem() {
        CodeSystem cs = describe(new CodeSystem(), "vn-technical-service", SYSTEM, VERSION,
                "Danh mục kỹ thuật tương đương (dịch vụ kỹ thuật) của Phụ lục 3");
        // the appendix lists the services that have a conversion row; the Ministry's full list is longer
        cs.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT).setCaseSensitive(true).setValueSet(VALUE_SET)
                .setCount(table.services().size());
        cs.addProperty().setCode(PROPERTY_SPECIALTY).setType(PropertyType.CODE)
                .setDescription("Mã chuyên khoa: specialty number of the service list (first segment of the code)");
        cs.addProperty().setCode(PROPERTY_SPECIALTY_NAME).setType(PropertyType.STRING).setDescription("Chuyên khoa: specialty name");
        cs.addProperty().setCode(PROPERTY_TIER).setType(PropertyType.CODE)
                .setDescription("Phân tuyến kỹ thuật: A trung ương, B tỉnh, C huyện, D xã");
        cs.addProperty().setCode(PROPERTY_CLASS).setType(PropertyType.CODE)
                .setDescription("Phân loại phẫu thuật, thủ thuật: P1–P3, PD (đặc biệt), T1–T3, TD (đặc biệt)…");
        Map<String, String> specialtyNames = table.specialtyNames();
        for (Service s : table.services().values()) {
            ConceptDefinitionComponent c = cs.addConcept().setCode(s.code()).setDisplay(s.name());
            c.addProperty().setCode(PROPERTY_SPECIALTY).setValue(new CodeType(s.specialty()));
            if (specialtyNames.containsKey(s.specialty())) {
                c.addProperty().setCode(PROPERTY_SPECIALTY_NAME).setValue(new StringType(specialtyNames.get(s.specialty())));
            }
            if (!s.tier().isEmpty()) {
                c.addProperty().setCode(PROPERTY_TIER).setValue(new CodeType(s.tier()));
            }
            if (!s.serviceClass().isEmpty()) {
                c.addProperty().setCode(PROPERTY_CLASS).setValue(new CodeType(s.serviceClass()));
            }
        }
        return cs;
    }

    private CodeSystem procedureCodeSystem() {
        CodeSystem cs = describe(new CodeSystem(), "icd9cm-vol3-vn", ICD9_SYSTEM, ICD9_VERSION,
                "ICD-9-CM tập 3 (phân loại phẫu thuật, thủ thuật), tên tiếng Việt theo Phụ lục 3");
        cs.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT).setCaseSensitive(true).setValueSet(ICD9_VALUE_SET)
                .setCount(table.procedures().size());
        cs.addProperty().setCode(PROPERTY_CHAPTER).setType(PropertyType.STRING)
                .setDescription("Chương ICD-9: range of the chapter, e.g. 87-99");
        cs.addProperty().setCode(PROPERTY_CHAPTER_NAME).setType(PropertyType.STRING)
                .setDescription("Tên chương ICD-9: Vietnamese name of the chapter");
        for (Procedure p : table.procedures().values()) {
            ConceptDefinitionComponent c = cs.addConcept().setCode(p.code()).setDisplay(p.name());
            c.addProperty().setCode(PROPERTY_CHAPTER).setValue(new StringType(p.chapter()));
            c.addProperty().setCode(PROPERTY_CHAPTER_NAME).setValue(new StringType(p.chapterName()));
        }
        return cs;
    }

    private ValueSet valueSet(String id, String url, String system, String version, String title) {
        ValueSet vs = describe(new ValueSet(), id, url, VERSION, title);
        vs.getCompose().addInclude().setSystem(system).setVersion(version);
        return vs;
    }

    /**
     * Each row names one ICD-9-CM procedure for a service; ICD-9-CM is a statistical classification,
     * so the procedure is broader than the service ("wider"). A service with several procedures
     * ("tạo hình hoặc thay van") overlaps each of them only in part ("inexact").
     */
    private ConceptMap conceptMap() {
        ConceptMap map = describe(new ConceptMap(), "vn-technical-service-to-icd9cm", CONCEPT_MAP, VERSION,
                "Chuyển đổi dịch vụ kỹ thuật sang ICD-9-CM tập 3");
        map.setSource(new org.hl7.fhir.r4.model.CanonicalType(VALUE_SET))
                .setTarget(new org.hl7.fhir.r4.model.CanonicalType(ICD9_VALUE_SET));
        ConceptMap.ConceptMapGroupComponent group = map.addGroup().setSource(SYSTEM).setSourceVersion(VERSION)
                .setTarget(ICD9_SYSTEM).setTargetVersion(ICD9_VERSION);
        for (Service s : table.services().values()) {
            if (s.icd9Codes().isEmpty()) {
                continue;
            }
            ConceptMap.SourceElementComponent element = group.addElement().setCode(s.code()).setDisplay(s.name());
            ConceptMapEquivalence equivalence = s.icd9Codes().size() == 1 ? ConceptMapEquivalence.WIDER
                    : ConceptMapEquivalence.INEXACT;
            for (String code : s.icd9Codes()) {
                element.addTarget().setCode(code).setDisplay(table.procedures().get(code).name()).setEquivalence(equivalence);
            }
        }
        return map;
    }

    private <T extends MetadataResource> T describe(T r, String id, String url, String version, String title) {
        r.setId(id);
        r.setUrl(url).setVersion(version).setName(computableName(id)).setTitle(title);
        r.setStatus(PublicationStatus.ACTIVE).setExperimental(false).setPublisher(PUBLISHER);
        r.setLanguage("vi");
        // the decision's date, never "today": converting again must give the same resource
        r.setDateElement(new DateTimeType(DATE));
        r.setDescription(title + ". Căn cứ (source): " + BASIS + ". Tệp nguồn (file): " + source + ".");
        return r;
    }

    private static String computableName(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
