package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NhrTerminologyTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void encounterTypesAreTheEightCodesOfDecision4750WithoutCode06() {
        CodeSystem cs = NhrTerminology.encounterTypes(FHIR);

        List<String> codes = cs.getConcept().stream().map(ConceptDefinitionComponent::getCode).toList();
        assertThat(codes).containsExactly("01", "02", "03", "04", "05", "07", "08", "09");
        assertThat(cs.getCount()).isEqualTo(codes.size());
        assertThat(cs.getUrl()).isEqualTo(NhrTerminology.ENCOUNTER_TYPE_SYSTEM);
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
    }

    @Test
    void everyEncounterTypeHasVietnameseDisplayAndEnglishDesignation() {
        for (ConceptDefinitionComponent concept : NhrTerminology.encounterTypes(FHIR).getConcept()) {
            assertThat(concept.getDisplay()).as(concept.getCode()).isNotBlank();
            assertThat(concept.getDesignation())
                    .as(concept.getCode())
                    .anySatisfy(d -> assertThat(d.getLanguage()).isEqualTo("en"));
        }
        assertThat(NhrTerminology.encounterTypes(FHIR).getConcept().get(2).getDisplay()).isEqualTo("Điều trị nội trú");
    }

    @Test
    void encounterTypeValueSetIncludesTheWholeCodeSystem() {
        ValueSet vs = NhrTerminology.encounterTypeValueSet(FHIR);
        assertThat(vs.getUrl()).isEqualTo(NhrTerminology.ENCOUNTER_TYPE_VALUE_SET);
        assertThat(vs.getCompose().getInclude()).singleElement()
                .satisfies(inc -> assertThat(inc.getSystem()).isEqualTo(NhrTerminology.ENCOUNTER_TYPE_SYSTEM));
    }

    @Test
    void everyListedFileIsPresentAndParses() {
        assertThat(NhrTerminology.CONTENT.parseAll(FHIR))
                .hasSize(NhrTerminology.CONTENT.files().size())
                .allSatisfy(r -> assertThat(r.getIdElement().getIdPart()).isNotBlank());
    }
}
