package vn.ehealth.nhr.profiles;

import vn.ehealth.nhr.terminology.ConformanceResourceFolder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conformance resources of the national guide authored in this module (profiles, extensions,
 * NamingSystems), and which profile applies to which resource type.
 */
public final class NhrProfiles {

    public static final String CANONICAL = "http://fhir.ehealth.gov.vn/nhr";
    public static final String STRUCTURE_DEFINITION_BASE = CANONICAL + "/StructureDefinition/";

    public static final String PATIENT = STRUCTURE_DEFINITION_BASE + "vn-nhr-patient";
    public static final String ENCOUNTER = STRUCTURE_DEFINITION_BASE + "vn-nhr-encounter";
    public static final String CONDITION = STRUCTURE_DEFINITION_BASE + "vn-nhr-condition";
    public static final String IMMUNIZATION = STRUCTURE_DEFINITION_BASE + "vn-nhr-immunization";
    public static final String MEDICATION_REQUEST = STRUCTURE_DEFINITION_BASE + "vn-nhr-medicationrequest";
    public static final String DISCHARGE_SUMMARY = STRUCTURE_DEFINITION_BASE + "vn-nhr-discharge-summary";
    public static final String DISCHARGE_DOCUMENT = STRUCTURE_DEFINITION_BASE + "vn-nhr-discharge-document";
    public static final String ORGANIZATION = STRUCTURE_DEFINITION_BASE + "vn-nhr-organization";
    public static final String PRACTITIONER = STRUCTURE_DEFINITION_BASE + "vn-nhr-practitioner";
    public static final String CONSENT = STRUCTURE_DEFINITION_BASE + "vn-nhr-consent";
    public static final String SERVICE_REQUEST = STRUCTURE_DEFINITION_BASE + "vn-nhr-servicerequest";
    public static final String CLINICAL_IMPRESSION = STRUCTURE_DEFINITION_BASE + "vn-nhr-clinicalimpression";

    /**
     * The profile every stored resource of a type must meet, whether or not it declares it. A
     * Bundle is held to the discharge-document profile only when it is a document; Bundles of other
     * types (collections, searchsets) and the resource types the guide does not profile are held to
     * the base FHIR specification.
     */
    private static final Map<String, String> PROFILE_BY_TYPE = Map.ofEntries(
            Map.entry("Patient", PATIENT),
            Map.entry("Encounter", ENCOUNTER),
            Map.entry("Condition", CONDITION),
            Map.entry("Immunization", IMMUNIZATION),
            Map.entry("MedicationRequest", MEDICATION_REQUEST),
            Map.entry("Composition", DISCHARGE_SUMMARY),
            Map.entry("Organization", ORGANIZATION),
            Map.entry("Practitioner", PRACTITIONER),
            Map.entry("Consent", CONSENT),
            Map.entry("ServiceRequest", SERVICE_REQUEST),
            Map.entry("ClinicalImpression", CLINICAL_IMPRESSION));

    public static final ConformanceResourceFolder CONTENT = new ConformanceResourceFolder("nhr/profiles", List.of(
            "NamingSystem-vn-nhr-sid-national-id.json",
            "NamingSystem-vn-nhr-sid-insurance-number.json",
            "NamingSystem-vn-nhr-sid-passport-number.json",
            "NamingSystem-vn-nhr-sid-facility-code.json",
            "NamingSystem-vn-nhr-sid-practitioner-licence.json",
            "NamingSystem-vn-nhr-sid-prescription-code.json",
            "NamingSystem-vn-nhr-sid-department-code.json",
            "NamingSystem-vn-nhr-sid-drug-registration-number.json",
            "NamingSystem-vn-nhr-sid-social-insurance-number.json",
            // extensions (VN Core URLs reused where VN Core defines the same concept)
            "StructureDefinition-vn-core-extension-race.json",
            "StructureDefinition-vn-core-extension-nationality.json",
            "StructureDefinition-vn-core-extension-occupation.json",
            "StructureDefinition-vn-core-extension-administrative-address.json",
            "StructureDefinition-vn-nhr-registered-primary-care.json",
            "StructureDefinition-vn-nhr-newborn-mother.json",
            "StructureDefinition-vn-nhr-active-ingredient-strength.json",
            "StructureDefinition-vn-nhr-treatment-result.json",
            "StructureDefinition-vn-nhr-dosage-form.json",
            "StructureDefinition-vn-nhr-ordering-department.json",
            // profiles
            "StructureDefinition-vn-nhr-patient.json",
            "StructureDefinition-vn-nhr-organization.json",
            "StructureDefinition-vn-nhr-practitioner.json",
            "StructureDefinition-vn-nhr-consent.json",
            "StructureDefinition-vn-nhr-immunization.json",
            "StructureDefinition-vn-nhr-medicationrequest.json",
            "StructureDefinition-vn-nhr-encounter.json",
            "StructureDefinition-vn-nhr-condition.json",
            "StructureDefinition-vn-nhr-discharge-summary.json",
            "StructureDefinition-vn-nhr-discharge-document.json",
            "StructureDefinition-vn-nhr-servicerequest.json",
            "StructureDefinition-vn-nhr-clinicalimpression.json",
            // search parameters: Patient?cccd=, one Patient per CCCD enforced by a unique index,
            // MedicationRequest?group-identifier= (all lines of a prescription; R4 lacks it), and one
            // stored document per Bundle.identifier, also a unique index
            "SearchParameter-vn-nhr-patient-cccd.json",
            "SearchParameter-vn-nhr-patient-cccd-unique.json",
            "SearchParameter-vn-nhr-medicationrequest-group-identifier.json",
            "SearchParameter-vn-nhr-document-identifier-unique.json"));

    private NhrProfiles() {
    }

    /** The national profile for a resource of this type (and, for a Bundle, this Bundle.type). */
    public static Optional<String> profileFor(String resourceType, String bundleType) {
        if ("Bundle".equals(resourceType)) {
            return "document".equals(bundleType) ? Optional.of(DISCHARGE_DOCUMENT) : Optional.empty();
        }
        return Optional.ofNullable(PROFILE_BY_TYPE.get(resourceType));
    }

    /** Every profile the guide defines, by canonical URL. */
    public static List<String> all() {
        return List.of(PATIENT, ENCOUNTER, CONDITION, IMMUNIZATION, MEDICATION_REQUEST, DISCHARGE_SUMMARY,
                DISCHARGE_DOCUMENT, ORGANIZATION, PRACTITIONER, CONSENT, SERVICE_REQUEST, CLINICAL_IMPRESSION);
    }
}
