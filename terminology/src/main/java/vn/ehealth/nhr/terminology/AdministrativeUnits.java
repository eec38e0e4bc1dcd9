package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.List;

/**
 * Vietnam's administrative units (đơn vị hành chính): provinces, districts and communes as one
 * versioned code system, converted from the General Statistics Office list by
 * {@code nhr-load admin-units} (see docs/terminology/administrative-units.md).
 *
 * <p>Codes are the official ones and are distinct across levels by length alone: province 2 digits
 * ("01"), district 3 digits ("001"), commune 5 digits ("00001"). Each version of the list is a
 * separate {@code url|version}, so records coded against an older list stay resolvable.
 */
public final class AdministrativeUnits {

    public static final String SYSTEM = NhrTerminology.CANONICAL_BASE + "/CodeSystem/vn-administrative-units";

    /** The shipped list: official list as of 11/06/2024. */
    public static final String VERSION = "2024-06-11";

    public static final String VALUE_SET_BASE = NhrTerminology.CANONICAL_BASE + "/ValueSet/vn-administrative-units-";
    public static final String CONCEPT_MAP_BASE = NhrTerminology.CANONICAL_BASE + "/ConceptMap/vn-administrative-units-";

    public static final String LEVEL_PROVINCE = "province";
    public static final String LEVEL_DISTRICT = "district";
    public static final String LEVEL_COMMUNE = "commune";
    public static final List<String> LEVELS = List.of(LEVEL_PROVINCE, LEVEL_DISTRICT, LEVEL_COMMUNE);

    public static final String PROPERTY_LEVEL = "level";
    public static final String PROPERTY_UNIT_TYPE = "unit-type";
    public static final String PROPERTY_PARENT = "parent";
    public static final String PROPERTY_ENGLISH_NAME = "english-name";
    public static final String PROPERTY_ABBREVIATION = "abbreviation";

    public static final String CODE_SYSTEM_FILE = "CodeSystem-vn-administrative-units.json";

    /** Shipped files, in load order: the code system first, then one value set per level. */
    public static final ConformanceResourceFolder FILES = new ConformanceResourceFolder("nhr/terminology", List.of(
            CODE_SYSTEM_FILE,
            valueSetFile(LEVEL_PROVINCE),
            valueSetFile(LEVEL_DISTRICT),
            valueSetFile(LEVEL_COMMUNE)));

    private AdministrativeUnits() {
    }

    /** Plural used in value-set URLs and file names: province → provinces. */
    public static String plural(String level) {
        return level + "s";
    }

    /** Canonical URL of the value set of one level, e.g. {@code …/ValueSet/vn-administrative-units-provinces}. */
    public static String valueSetUrl(String level) {
        return VALUE_SET_BASE + plural(level);
    }

    public static String valueSetFile(String level) {
        return "ValueSet-vn-administrative-units-" + plural(level) + ".json";
    }

    /** Canonical URL of the reorganisation map from one version of the list to another. */
    public static String conceptMapUrl(String fromVersion, String toVersion) {
        return CONCEPT_MAP_BASE + fromVersion + "-to-" + toVersion;
    }

    public static String conceptMapFile(String fromVersion, String toVersion) {
        return "ConceptMap-vn-administrative-units-" + fromVersion + "-to-" + toVersion + ".json";
    }

    /** The shipped code system (list of {@link #VERSION}), parsed. */
    public static CodeSystem parse(FhirContext fhirContext) {
        return FILES.parse(fhirContext, CodeSystem.class, CODE_SYSTEM_FILE);
    }

    /** The shipped value set of one level ({@link #LEVEL_PROVINCE}, …), parsed. */
    public static ValueSet parseValueSet(FhirContext fhirContext, String level) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown level " + level + "; expected one of " + LEVELS);
        }
        return FILES.parse(fhirContext, ValueSet.class, valueSetFile(level));
    }
}
