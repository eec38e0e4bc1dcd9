package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.List;

/**
 * The national code systems and value sets shipped in this module, with their canonical URLs.
 *
 * <p>Each resource is a FHIR JSON file under {@code classpath:/nhr/terminology/}; {@link #CONTENT}
 * is the module's table of contents, read by the implementation-guide build.
 */
public final class NhrTerminology {

    /** Canonical base of everything the national guide defines. */
    public static final String CANONICAL_BASE = "http://fhir.ehealth.gov.vn/nhr";

    /** Mã loại KCB: encounter type of QĐ 130/QĐ-BYT as amended by QĐ 4750/QĐ-BYT. */
    public static final String ENCOUNTER_TYPE_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-encounter-type";

    public static final String ENCOUNTER_TYPE_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-encounter-type";

    /** Dân tộc: the 54 ethnic groups of Decision 121-TCTK/PPCĐ (1979), plus 55 foreigner. */
    public static final String ETHNIC_GROUP_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-ethnic-group";

    public static final String ETHNIC_GROUP_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-ethnic-group";

    /** Nghề nghiệp theo thành phần xã hội of the medical-record forms (QĐ 4069/QĐ-BYT). */
    public static final String OCCUPATION_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-occupation";

    public static final String OCCUPATION_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-occupation";

    /** Trình độ văn hóa: general-education grade reached, 12-year system. */
    public static final String EDUCATION_LEVEL_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-education-level";

    public static final String EDUCATION_LEVEL_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-education-level";

    /** GIOI_TINH of table XML1 (QĐ 130/4750). */
    public static final String SEX_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-sex";

    public static final String SEX_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-sex";

    /** KET_QUA_DTRI of table XML1 (QĐ 130/4750). */
    public static final String TREATMENT_RESULT_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-treatment-result";

    public static final String TREATMENT_RESULT_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-treatment-result";

    /** MA_LOAI_RV of table XML1 (QĐ 130/4750). */
    public static final String DISCHARGE_TYPE_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-discharge-type";

    public static final String DISCHARGE_TYPE_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-discharge-type";

    /** Tuyến chuyên môn kỹ thuật of a healthcare facility: 1 central, 2 province, 3 district, 4 commune. */
    public static final String FACILITY_LEVEL_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-facility-level";

    /** Mã cơ sở khám bệnh, chữa bệnh (5 characters: province code + number). */
    public static final String FACILITY_CODE_SYSTEM = CANONICAL_BASE + "/sid/facility-code";

    /** Province code (AdministrativeUnits) of a facility's address, as an extension with a valueCoding. */
    public static final String PROVINCE_CODE_EXTENSION = CANONICAL_BASE + "/StructureDefinition/province-code";

    /** Nhóm dữ liệu of a citizen's data-sharing consent (Consent.provision.code of vn-nhr-consent). */
    public static final String CONSENT_DATA_CATEGORY_SYSTEM = CANONICAL_BASE + "/CodeSystem/vn-consent-data-category";

    public static final String CONSENT_DATA_CATEGORY_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-consent-data-category";

    /** FHIR's own system for ISO 3166 country codes; nationality needs no code system of ours. */
    public static final String ISO_3166_SYSTEM = "urn:iso:std:iso:3166";

    public static final String NATIONALITY_VALUE_SET = CANONICAL_BASE + "/ValueSet/vn-nationality";

    /** Ids of the catalogues shipped as a CodeSystem + ValueSet pair (file names derive from them). */
    public static final List<String> CATALOGUES = List.of("vn-encounter-type", "vn-ethnic-group", "vn-occupation",
            "vn-education-level", "vn-sex", "vn-treatment-result", "vn-discharge-type", "vn-consent-data-category",
            "vn-vaccine", "vn-prescription-category", "vn-discharge-section");

    public static final ConformanceResourceFolder CONTENT = new ConformanceResourceFolder("nhr/terminology", java.util.stream.Stream.concat(List.of(
            "CodeSystem-vn-encounter-type.json",
            "ValueSet-vn-encounter-type.json",
            "CodeSystem-vn-ethnic-group.json",
            "ValueSet-vn-ethnic-group.json",
            "CodeSystem-vn-occupation.json",
            "ValueSet-vn-occupation.json",
            "CodeSystem-vn-education-level.json",
            "ValueSet-vn-education-level.json",
            "CodeSystem-vn-sex.json",
            "ValueSet-vn-sex.json",
            "CodeSystem-vn-treatment-result.json",
            "ValueSet-vn-treatment-result.json",
            "CodeSystem-vn-discharge-type.json",
            "ValueSet-vn-discharge-type.json",
            "ValueSet-vn-nationality.json",
            "CodeSystem-vn-administrative-units.json",
            "ValueSet-vn-administrative-units-provinces.json",
            "ValueSet-vn-administrative-units-districts.json",
            "ValueSet-vn-administrative-units-communes.json",
            Icd10Vn.RESOURCE_FILE,
            "ValueSet-vn-icd10.json",
            "CodeSystem-vn-facility-level.json",
            "ValueSet-vn-facility-level.json",
            "CodeSystem-vn-consent-data-category.json",
            "ValueSet-vn-consent-data-category.json",
            "CodeSystem-vn-vaccine.json",
            "ValueSet-vn-vaccine.json",
            "ConceptMap-vn-vaccine-to-cvx.json",
            "CodeSystem-vn-prescription-category.json",
            "ValueSet-vn-prescription-category.json",
            "ValueSet-vn-icd10-diagnosis.json",
            "ValueSet-vn-encounter-class.json",
            "CodeSystem-vn-discharge-section.json",
            "ValueSet-vn-discharge-section.json").stream(), TechnicalServices.FILES.stream()).toList());

    private NhrTerminology() {
    }

    /** The encounter-type code system, parsed. */
    public static CodeSystem encounterTypes(FhirContext fhirContext) {
        return CONTENT.parse(fhirContext, CodeSystem.class, "CodeSystem-vn-encounter-type.json");
    }

    /** The shipped code system with this id (one of {@link #CATALOGUES}), parsed. */
    public static CodeSystem codeSystem(FhirContext fhirContext, String id) {
        return CONTENT.parse(fhirContext, CodeSystem.class, "CodeSystem-" + id + ".json");
    }

    /** The shipped value set with this id, parsed. */
    public static ValueSet valueSet(FhirContext fhirContext, String id) {
        return CONTENT.parse(fhirContext, ValueSet.class, "ValueSet-" + id + ".json");
    }

    /** The value set of all encounter types, parsed. */
    public static ValueSet encounterTypeValueSet(FhirContext fhirContext) {
        return CONTENT.parse(fhirContext, ValueSet.class, "ValueSet-vn-encounter-type.json");
    }
}
