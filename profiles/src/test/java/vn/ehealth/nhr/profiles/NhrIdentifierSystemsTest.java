package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NhrIdentifierSystemsTest {

    @Test
    void everyIdentifierSystemConstantHasItsNamingSystem() {
        List<String> published = NhrProfiles.CONTENT.parseAll(FhirContext.forR4Cached()).stream()
                .filter(NamingSystem.class::isInstance)
                .map(NamingSystem.class::cast)
                .map(ns -> ns.getUniqueIdFirstRep().getValue())
                .toList();

        assertThat(published).containsExactlyInAnyOrder(
                NhrIdentifierSystems.CITIZEN_ID,
                NhrIdentifierSystems.INSURANCE_NUMBER,
                NhrIdentifierSystems.PASSPORT_NUMBER,
                NhrIdentifierSystems.FACILITY_CODE,
                NhrIdentifierSystems.PRACTITIONER_LICENCE,
                NhrIdentifierSystems.PRESCRIPTION_CODE,
                NhrIdentifierSystems.DEPARTMENT_CODE,
                NhrIdentifierSystems.DRUG_REGISTRATION_NUMBER,
                NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
    }

    @Test
    void theProfilesUseTheConstants() {
        List<StructureDefinition> definitions = NhrProfiles.CONTENT.parseAll(FhirContext.forR4Cached()).stream()
                .filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .toList();
        StructureDefinition encounter = definition(definitions, NhrProfiles.ENCOUNTER);
        assertThat(encounter.getDifferential().getElementFirstRep().getConstraint())
                .filteredOn(c -> c.getKey().equals("nhr-enc-department-format"))
                .singleElement()
                .satisfies(c -> assertThat(c.getExpression()).contains("'" + NhrIdentifierSystems.DEPARTMENT_CODE + "'"));

        StructureDefinition medicationRequest = definition(definitions, NhrProfiles.MEDICATION_REQUEST);
        assertThat(medicationRequest.getDifferential().getElement())
                .filteredOn(e -> e.getId().equals("MedicationRequest.medication[x].coding:registrationNumber.system"))
                .singleElement()
                .satisfies(e -> assertThat(e.getFixed().primitiveValue()).isEqualTo(NhrIdentifierSystems.DRUG_REGISTRATION_NUMBER));
        assertThat(medicationRequest.getDifferential().getElementFirstRep().getConstraint())
                .filteredOn(c -> c.getKey().equals("nhr-mr-medication-code"))
                .singleElement()
                .satisfies(c -> assertThat(c.getExpression()).contains("'" + NhrIdentifierSystems.DRUG_REGISTRATION_NUMBER + "'"));
    }

    private static StructureDefinition definition(List<StructureDefinition> definitions, String url) {
        return definitions.stream().filter(sd -> url.equals(sd.getUrl())).findFirst()
                .orElseThrow(() -> new AssertionError("no StructureDefinition " + url));
    }

    @Test
    void treatmentEpisodeSystemsAreScopedByFacility() {
        assertThat(NhrIdentifierSystems.treatmentEpisode("01001"))
                .isEqualTo("http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001");
        assertThatThrownBy(() -> NhrIdentifierSystems.treatmentEpisode(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
