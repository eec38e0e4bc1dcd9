package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;

import java.util.List;

/**
 * Technical services (dịch vụ kỹ thuật, "mã tương đương") and their map to ICD-9-CM volume 3, from
 * Appendix 3 of the Ministry of Health's decision of 20/10/2020 (see docs/terminology/technical-services.md).
 */
public final class TechnicalServices {

    public static final String SYSTEM = NhrTerminology.CANONICAL_BASE + "/CodeSystem/vn-technical-service";
    public static final String VALUE_SET = NhrTerminology.CANONICAL_BASE + "/ValueSet/vn-technical-service";

    /** The appendix, by the date of its decision (the decision number is left blank in the published file). */
    public static final String VERSION = "BYT-PL3-2020-10-20";

    /** ICD-9-CM's own canonical URL; the Vietnamese names of the Ministry are told apart by {@link #ICD9_VERSION}. */
    public static final String ICD9_SYSTEM = "http://hl7.org/fhir/sid/icd-9-cm";
    public static final String ICD9_VERSION = "vi-BYT-PL3-2020-10-20";
    public static final String ICD9_VALUE_SET = NhrTerminology.CANONICAL_BASE + "/ValueSet/vn-icd9cm-procedures";

    public static final String CONCEPT_MAP = NhrTerminology.CANONICAL_BASE + "/ConceptMap/vn-technical-service-to-icd9cm";

    /** Specialty number of the service list (two digits, also the first segment of the service code). */
    public static final String PROPERTY_SPECIALTY = "specialty";
    public static final String PROPERTY_SPECIALTY_NAME = "specialty-name";
    /** Phân tuyến: lowest technical tier (A central … D commune) allowed to perform the service. */
    public static final String PROPERTY_TIER = "tier";
    /** Phân loại: surgery/procedure class (P1–P3, PD special surgery, T1–T3, TD special procedure…). */
    public static final String PROPERTY_CLASS = "class";
    /** ICD-9-CM chapter range, e.g. "87-99". */
    public static final String PROPERTY_CHAPTER = "chapter";
    public static final String PROPERTY_CHAPTER_NAME = "chapter-name";

    public static final String CODE_SYSTEM_FILE = "CodeSystem-vn-technical-service.json";
    public static final String VALUE_SET_FILE = "ValueSet-vn-technical-service.json";
    public static final String ICD9_CODE_SYSTEM_FILE = "CodeSystem-icd9cm-vol3-vn.json";
    public static final String ICD9_VALUE_SET_FILE = "ValueSet-vn-icd9cm-procedures.json";
    public static final String CONCEPT_MAP_FILE = "ConceptMap-vn-technical-service-to-icd9cm.json";

    /** Shipped files, in load order. */
    public static final List<String> FILES = List.of(CODE_SYSTEM_FILE, VALUE_SET_FILE, ICD9_CODE_SYSTEM_FILE,
            ICD9_VALUE_SET_FILE, CONCEPT_MAP_FILE);

    private static final ConformanceResourceFolder FOLDER = new ConformanceResourceFolder("nhr/terminology", FILES);

    private TechnicalServices() {
    }

    public static CodeSystem codeSystem(FhirContext fhirContext) {
        return FOLDER.parse(fhirContext, CodeSystem.class, CODE_SYSTEM_FILE);
    }

    public static CodeSystem icd9CodeSystem(FhirContext fhirContext) {
        return FOLDER.parse(fhirContext, CodeSystem.class, ICD9_CODE_SYSTEM_FILE);
    }

    public static ConceptMap conceptMap(FhirContext fhirContext) {
        return FOLDER.parse(fhirContext, ConceptMap.class, CONCEPT_MAP_FILE);
    }
}
