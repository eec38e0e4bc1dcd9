package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.NamingSystem;
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
                NhrIdentifierSystems.PRESCRIPTION_CODE);
    }

    @Test
    void treatmentEpisodeSystemsAreScopedByFacility() {
        assertThat(NhrIdentifierSystems.treatmentEpisode("01001"))
                .isEqualTo("http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001");
        assertThatThrownBy(() -> NhrIdentifierSystems.treatmentEpisode(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
