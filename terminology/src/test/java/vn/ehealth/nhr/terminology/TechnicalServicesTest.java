package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts of the shipped Appendix 3 (2020), as converted from the official workbook. */
class TechnicalServicesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static CodeSystem services;
    private static CodeSystem icd9;
    private static ConceptMap map;

    @BeforeAll
    static void parse() {
        services = TechnicalServices.codeSystem(FHIR);
        icd9 = TechnicalServices.icd9CodeSystem(FHIR);
        map = TechnicalServices.conceptMap(FHIR);
    }

    private static String property(ConceptDefinitionComponent c, String code) {
        return c.getProperty().stream().filter(p -> p.getCode().equals(code))
                .map(p -> p.getValue().primitiveValue()).findFirst().orElse(null);
    }

    private static ConceptDefinitionComponent concept(CodeSystem cs, String code) {
        return cs.getConcept().stream().filter(c -> c.getCode().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void theAppendixHas9203ServicesOfWhich8033AreMappedTo1260Procedures() {
        assertThat(services.getConcept()).hasSize(9203);
        assertThat(services.getCount()).isEqualTo(9203);
        assertThat(icd9.getConcept()).hasSize(1260);
        assertThat(map.getGroup()).singleElement().satisfies(g -> assertThat(g.getElement()).hasSize(8033));
    }

    @Test
    void identitiesAreTheNationalUrlsAndTheVietnameseEditionOfIcd9Cm() {
        assertThat(services.getUrl()).isEqualTo(TechnicalServices.SYSTEM);
        assertThat(services.getVersion()).isEqualTo(TechnicalServices.VERSION);
        assertThat(icd9.getUrl()).isEqualTo("http://hl7.org/fhir/sid/icd-9-cm");
        assertThat(icd9.getVersion()).isEqualTo(TechnicalServices.ICD9_VERSION);
        assertThat(icd9.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
        assertThat(map.getUrl()).isEqualTo(TechnicalServices.CONCEPT_MAP);
        assertThat(map.getGroupFirstRep().getTargetVersion()).isEqualTo(TechnicalServices.ICD9_VERSION);
    }

    @Test
    void aServiceCarriesItsSpecialtyTierAndClassAndMapsToItsProcedure() {
        ConceptDefinitionComponent s = concept(services, "01.0115.0297");
        assertThat(s.getDisplay()).isEqualTo("Siêu âm nội soi phế quản ống mềm");
        assertThat(property(s, TechnicalServices.PROPERTY_SPECIALTY)).isEqualTo("01");
        assertThat(property(s, TechnicalServices.PROPERTY_TIER)).isEqualTo("A");
        assertThat(property(s, TechnicalServices.PROPERTY_CLASS)).isEqualTo("TD");

        ConceptMap.SourceElementComponent e = map.getGroupFirstRep().getElement().stream()
                .filter(x -> x.getCode().equals("01.0115.0297")).findFirst().orElseThrow();
        assertThat(e.getTarget()).singleElement().satisfies(t -> {
            assertThat(t.getCode()).isEqualTo("88.73");
            assertThat(t.getEquivalence()).isEqualTo(ConceptMapEquivalence.WIDER);
        });
        ConceptDefinitionComponent p = concept(icd9, "88.73");
        assertThat(p.getDisplay()).isEqualTo("Siêu âm chẩn đoán ở vị trí khác của ngực");
        assertThat(property(p, TechnicalServices.PROPERTY_CHAPTER)).isEqualTo("87-99");
    }

    @Test
    void theServiceWithTwoProceduresMapsInexactlyToBoth() {
        ConceptMap.SourceElementComponent e = map.getGroupFirstRep().getElement().stream()
                .filter(x -> x.getCode().equals("10.0225.0403")).findFirst().orElseThrow();
        assertThat(e.getTarget()).extracting(ConceptMap.TargetElementComponent::getCode).containsExactly("35.28", "35.14");
        assertThat(e.getTarget()).allSatisfy(t -> assertThat(t.getEquivalence()).isEqualTo(ConceptMapEquivalence.INEXACT));
    }
}
