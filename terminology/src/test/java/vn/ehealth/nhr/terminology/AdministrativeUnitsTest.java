package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts of the shipped list of 11/06/2024, as converted from the official spreadsheet. */
class AdministrativeUnitsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static CodeSystem cs;
    private static final Map<String, List<ConceptDefinitionComponent>> byLevel = new HashMap<>();
    private static final Map<String, String> nestedUnder = new HashMap<>();

    @BeforeAll
    static void parse() {
        cs = AdministrativeUnits.parse(FHIR);
        walk(cs.getConcept(), null);
    }

    private static void walk(List<ConceptDefinitionComponent> concepts, String parent) {
        for (ConceptDefinitionComponent c : concepts) {
            byLevel.computeIfAbsent(property(c, AdministrativeUnits.PROPERTY_LEVEL), k -> new ArrayList<>()).add(c);
            nestedUnder.put(c.getCode(), parent);
            walk(c.getConcept(), c.getCode());
        }
    }

    private static String property(ConceptDefinitionComponent c, String code) {
        return c.getProperty().stream().filter(p -> p.getCode().equals(code))
                .map(p -> p.getValue().primitiveValue()).findFirst().orElse(null);
    }

    @Test
    void theShippedListHas63Provinces705DistrictsAnd10595Communes() {
        assertThat(byLevel.get("province")).hasSize(63);
        assertThat(byLevel.get("district")).hasSize(705);
        assertThat(byLevel.get("commune")).hasSize(10595);
        assertThat(cs.getCount()).isEqualTo(63 + 705 + 10595);
        assertThat(nestedUnder).hasSize(cs.getCount());
    }

    @Test
    void isTheVersionedCompleteVietnameseCodeSystem() {
        assertThat(cs.getUrl()).isEqualTo(AdministrativeUnits.SYSTEM);
        assertThat(cs.getVersion()).isEqualTo(AdministrativeUnits.VERSION);
        assertThat(cs.getLanguage()).isEqualTo("vi");
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(cs.getHierarchyMeaning()).isEqualTo(CodeSystem.CodeSystemHierarchyMeaning.PARTOF);
        assertThat(cs.getPublisher()).contains("Tổng cục Thống kê");
    }

    @Test
    void phuongPhucXaIsUnderBaDinhUnderHaNoi() {
        ConceptDefinitionComponent phucXa = byLevel.get("commune").stream()
                .filter(c -> c.getCode().equals("00001")).findFirst().orElseThrow();
        assertThat(phucXa.getDisplay()).isEqualTo("Phường Phúc Xá");
        assertThat(property(phucXa, "unit-type")).isEqualTo("Phường");
        assertThat(property(phucXa, "parent")).isEqualTo("001");
        assertThat(nestedUnder.get("00001")).isEqualTo("001");
        assertThat(nestedUnder.get("001")).isEqualTo("01");
        assertThat(nestedUnder.get("01")).isNull();
        assertThat(cs.getConcept().get(0).getDisplay()).isEqualTo("Thành phố Hà Nội");
    }

    @Test
    void everyCommuneAndDistrictHasAParentMatchingItsNesting() {
        for (String level : List.of("district", "commune")) {
            for (ConceptDefinitionComponent c : byLevel.get(level)) {
                assertThat(property(c, "parent")).as(c.getCode()).isNotNull().isEqualTo(nestedUnder.get(c.getCode()));
            }
        }
    }

    @Test
    void codeLengthTellsTheLevel() {
        Map<String, Integer> lengths = Map.of("province", 2, "district", 3, "commune", 5);
        byLevel.forEach((level, concepts) -> assertThat(concepts)
                .allSatisfy(c -> assertThat(c.getCode()).hasSize(lengths.get(level)).containsOnlyDigits()));
    }

    @Test
    void islandDistrictsWithoutCommunesAreKept() {
        ConceptDefinitionComponent conDao = byLevel.get("district").stream()
                .filter(c -> c.getCode().equals("755")).findFirst().orElseThrow();
        assertThat(conDao.getDisplay()).isEqualTo("Huyện Côn Đảo");
        assertThat(conDao.getConcept()).isEmpty();
        assertThat(property(conDao, "abbreviation")).isEqualTo("BR-CD");
    }

    @Test
    void eachLevelHasAValueSetFilteringOnLevel() {
        for (String level : AdministrativeUnits.LEVELS) {
            ValueSet vs = AdministrativeUnits.parseValueSet(FHIR, level);
            assertThat(vs.getUrl()).isEqualTo(AdministrativeUnits.valueSetUrl(level));
            assertThat(vs.getVersion()).isEqualTo(AdministrativeUnits.VERSION);
            ValueSet.ConceptSetComponent include = vs.getCompose().getIncludeFirstRep();
            assertThat(include.getSystem()).isEqualTo(AdministrativeUnits.SYSTEM);
            assertThat(include.getVersion()).isEqualTo(AdministrativeUnits.VERSION);
            assertThat(include.getFilterFirstRep().getProperty()).isEqualTo("level");
            assertThat(include.getFilterFirstRep().getValue()).isEqualTo(level);
        }
        assertThat(AdministrativeUnits.valueSetUrl("province"))
                .isEqualTo("http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-administrative-units-provinces");
    }
}
