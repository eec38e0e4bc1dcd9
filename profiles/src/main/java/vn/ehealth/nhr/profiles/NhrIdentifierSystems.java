package vn.ehealth.nhr.profiles;

/**
 * Identifier systems (Identifier.system) of the national guide.
 *
 * <p>Citizen, insurance and passport numbers reuse the VN Core URIs so that data written for the
 * community guide is understood here; the others are the national guide's own.
 */
public final class NhrIdentifierSystems {

    /** CCCD: căn cước công dân, 12 digits. */
    public static final String CITIZEN_ID = "http://fhir.ehealth.gov.vn/core/sid/national_id";
    /** BHYT: health-insurance card number. */
    public static final String INSURANCE_NUMBER = "http://fhir.ehealth.gov.vn/core/sid/insurance_number";
    public static final String PASSPORT_NUMBER = "http://fhir.ehealth.gov.vn/core/sid/passport_number";
    /** Mã cơ sở KBCB: 5-character facility code. */
    public static final String FACILITY_CODE = "http://fhir.ehealth.gov.vn/nhr/sid/facility-code";
    /** Chứng chỉ hành nghề: practising licence. */
    public static final String PRACTITIONER_LICENCE = "http://fhir.ehealth.gov.vn/nhr/sid/practitioner-licence";
    public static final String PRESCRIPTION_CODE = "http://fhir.ehealth.gov.vn/nhr/sid/prescription-code";
    /**
     * Mã khoa (MA_KHOA, Appendix 5 of QĐ 5937/QĐ-BYT): {@code K} + 2 digits, unique only within a
     * facility; used in {@code Encounter.location.location.identifier}.
     */
    public static final String DEPARTMENT_CODE = "http://fhir.ehealth.gov.vn/nhr/sid/department-code";
    /**
     * Số đăng ký lưu hành thuốc issued by the Drug Administration of Vietnam (Cục Quản lý Dược),
     * e.g. {@code VD-21458-14}. Used as a code system ({@code Coding.system} of
     * {@code MedicationRequest.medicationCodeableConcept}) until a national drug catalogue exists.
     */
    public static final String DRUG_REGISTRATION_NUMBER = "http://fhir.ehealth.gov.vn/nhr/sid/drug-registration-number";
    /**
     * Mã số BHXH: the social-insurance number (10 digits) QĐ 130/4750 uses as a staff member's health
     * identifier (MA_TTDV, MA_BS, NGUOI_THUC_HIEN), where no practising licence is given.
     */
    public static final String SOCIAL_INSURANCE_NUMBER = "http://fhir.ehealth.gov.vn/nhr/sid/social-insurance-number";
    /** MA_LK: treatment-episode key, unique within one facility; append the facility code. */
    public static final String TREATMENT_EPISODE_PREFIX = "http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/";

    private NhrIdentifierSystems() {
    }

    /** Identifier system of the MA_LK treatment-episode keys of one facility. */
    public static String treatmentEpisode(String facilityCode) {
        if (facilityCode == null || facilityCode.isBlank()) {
            throw new IllegalArgumentException("facility code is required for an MA_LK identifier system");
        }
        return TREATMENT_EPISODE_PREFIX + facilityCode.trim();
    }
}
