package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import vn.ehealth.nhr.ig.GuideExamples;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The guide's own valid examples, used as the shapes of generated resources: each generated resource
 * starts as a fresh copy of the example of its profile, so it carries every element and extension the
 * profile requires, and the generator only changes the facts (who, when, where, what).
 */
final class Templates {

    private final FhirContext fhir;
    private final Map<String, byte[]> examples;

    Templates(FhirContext fhir) {
        this.fhir = fhir;
        this.examples = GuideExamples.fromClasspath().valid();
    }

    Patient patient() {
        return copy(Patient.class, "Patient-nguyen-van-an.json");
    }

    Organization organization() {
        return copy(Organization.class, "Organization-bv-bach-mai.json");
    }

    Practitioner practitioner() {
        return copy(Practitioner.class, "Practitioner-bs-le-van-cuong.json");
    }

    Encounter inpatientEncounter() {
        return copy(Encounter.class, "Encounter-an-2026-noi-tru.json");
    }

    Encounter outpatientEncounter() {
        return copy(Encounter.class, "Encounter-bich-2026-ngoai-tru.json");
    }

    Composition dischargeSummary() {
        return copy(Composition.class, "Composition-an-giay-ra-vien-2026.json");
    }

    Condition condition() {
        return copy(Condition.class, "Condition-an-tang-huyet-ap.json");
    }

    Immunization immunization() {
        return copy(Immunization.class, "Immunization-con-bich-bcg.json");
    }

    MedicationRequest medicationRequest() {
        return copy(MedicationRequest.class, "MedicationRequest-an-amlodipin-2026.json");
    }

    private <T extends IBaseResource> T copy(Class<T> type, String file) {
        byte[] json = examples.get(file);
        if (json == null) {
            throw new IllegalStateException("the guide has no example " + file + " (module nhr-ig)");
        }
        T r = fhir.newJsonParser().parseResource(type, new String(json, StandardCharsets.UTF_8));
        r.setId((String) null);
        return r;
    }
}
