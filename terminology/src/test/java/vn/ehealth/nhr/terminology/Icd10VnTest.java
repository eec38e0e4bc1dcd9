package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Facts of the shipped conversion of QĐ 4469/QĐ-BYT (CodeSystem-icd10-vn.json). */
class Icd10VnTest {

    private static CodeSystem cs;
    private static final Map<String, ConceptDefinitionComponent> BY_CODE = new HashMap<>();
    private static final Map<String, String> PARENT = new HashMap<>();

    @BeforeAll
    static void parse() {
        cs = Icd10Vn.codeSystem(FhirContext.forR4Cached());
        index(cs.getConcept(), null);
    }

    private static void index(List<ConceptDefinitionComponent> concepts, String parent) {
        for (ConceptDefinitionComponent c : concepts) {
            BY_CODE.put(c.getCode(), c);
            PARENT.put(c.getCode(), parent);
            index(c.getConcept(), c.getCode());
        }
    }

    private static String property(String code, String property) {
        return BY_CODE.get(code).getProperty().stream().filter(p -> p.getCode().equals(property)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    @Test
    void identityMatchesTheConstants() {
        assertThat(cs.getUrl()).isEqualTo(Icd10Vn.SYSTEM);
        assertThat(cs.getVersion()).isEqualTo(Icd10Vn.VERSION);
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
    }

    @Test
    void conceptCountsByKind() {
        Map<String, Integer> counts = new HashMap<>();
        BY_CODE.keySet().forEach(code -> counts.merge(property(code, Icd10Vn.PROPERTY_KIND), 1, Integer::sum));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                Map.of("chapter", 22, "block", 274, "category", 2050, "subcategory", 10087));
        assertThat(cs.getCount()).isEqualTo(BY_CODE.size());
    }

    @Test
    void a090HasVietnameseDisplayEnglishDesignationAndItsAncestors() {
        ConceptDefinitionComponent a090 = BY_CODE.get("A09.0");

        assertThat(a090.getDisplay()).startsWith("Viêm dạ dày");
        assertThat(a090.getDesignation()).anySatisfy(d -> {
            assertThat(d.getLanguage()).isEqualTo("en");
            assertThat(d.getValue()).containsIgnoringCase("gastroenteritis");
        });
        assertThat(PARENT.get("A09.0")).isEqualTo("A09");
        assertThat(PARENT.get("A09")).isEqualTo("A00-A09");
        assertThat(PARENT.get("A00-A09")).isEqualTo("A00-B99");
        assertThat(PARENT.get("A00-B99")).isNull();
    }

    @Test
    void dualClassificationAndRestrictionsAreProperties() {
        assertThat(property("E11.2", Icd10Vn.PROPERTY_DUAL_CLASSIFICATION)).isEqualTo("dagger");
        // A4.1 lists O80.0, O80.1, O80.8 and O80.9, not the category O80 itself
        assertThat(property("O80.0", Icd10Vn.PROPERTY_SEX)).isEqualTo("female");
        assertThat(property("O80.9", Icd10Vn.PROPERTY_SEX)).isEqualTo("female");
        assertThat(property("N40", Icd10Vn.PROPERTY_SEX)).isEqualTo("male");
        // P07 is in appendix A3.1 (newborn, 0–365 days); its subcategories inherit the range
        assertThat(property("P07.0", Icd10Vn.PROPERTY_AGE_MIN_DAYS)).isEqualTo("0");
        assertThat(property("P07.0", Icd10Vn.PROPERTY_AGE_MAX_DAYS)).isEqualTo("365");
        assertThat(property("B95.0", Icd10Vn.PROPERTY_PRINCIPAL_DIAGNOSIS)).isEqualTo("false");
        assertThat(property("A09.0", Icd10Vn.PROPERTY_PRINCIPAL_DIAGNOSIS)).as("absent = may be principal").isNull();
    }

    @Test
    void noCodeKeepsADaggerOrAsteriskAndEveryCodeNormalisesToItself() {
        assertThat(BY_CODE.keySet()).noneMatch(c -> c.contains("\u2020") || c.contains("*"));
        BY_CODE.keySet().stream().filter(c -> !c.contains("-"))
                .forEach(c -> assertThat(Icd10Codes.normalise(c)).contains(c));
    }
}
