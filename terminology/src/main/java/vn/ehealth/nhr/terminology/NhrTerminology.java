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

    public static final ConformanceResourceFolder CONTENT = new ConformanceResourceFolder("nhr/terminology", List.of(
            "CodeSystem-vn-encounter-type.json",
            "ValueSet-vn-encounter-type.json"));

    private NhrTerminology() {
    }

    /** The encounter-type code system, parsed. */
    public static CodeSystem encounterTypes(FhirContext fhirContext) {
        return CONTENT.parse(fhirContext, CodeSystem.class, "CodeSystem-vn-encounter-type.json");
    }

    /** The value set of all encounter types, parsed. */
    public static ValueSet encounterTypeValueSet(FhirContext fhirContext) {
        return CONTENT.parse(fhirContext, ValueSet.class, "ValueSet-vn-encounter-type.json");
    }
}
