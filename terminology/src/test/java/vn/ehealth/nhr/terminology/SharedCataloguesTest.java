package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The small national catalogues (danh mục dùng chung) shipped as CodeSystem + ValueSet pairs. */
class SharedCataloguesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    static final List<String> CATALOGUES = NhrTerminology.CATALOGUES;

    private static Map<String, String> displays(String id) {
        return NhrTerminology.codeSystem(FHIR, id).getConcept().stream()
                .collect(Collectors.toMap(ConceptDefinitionComponent::getCode, ConceptDefinitionComponent::getDisplay));
    }

    @ParameterizedTest
    @FieldSource("CATALOGUES")
    void everyCatalogueIsACompleteCodeSystemWithUniqueCodesAndAnAccurateCount(String id) {
        CodeSystem cs = NhrTerminology.codeSystem(FHIR, id);

        assertThat(cs.getUrl()).isEqualTo(NhrTerminology.CANONICAL_BASE + "/CodeSystem/" + id);
        assertThat(cs.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(cs.getLanguage()).isEqualTo("vi");
        assertThat(cs.getVersion()).isNotBlank();
        assertThat(cs.getDate()).isNotNull();
        assertThat(cs.getPublisher()).isNotBlank();
        assertThat(cs.getDescription()).as("provenance").isNotBlank();
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        Set<String> codes = new HashSet<>();
        for (ConceptDefinitionComponent c : cs.getConcept()) {
            assertThat(codes.add(c.getCode())).as("duplicate code " + c.getCode()).isTrue();
            assertThat(c.getDisplay()).as(id + "#" + c.getCode()).isNotBlank();
        }
        assertThat(cs.getCount()).isEqualTo(cs.getConcept().size()).isPositive();
    }

    @ParameterizedTest
    @FieldSource("CATALOGUES")
    void everyCatalogueHasAValueSetOverItsWholeCodeSystem(String id) {
        ValueSet vs = NhrTerminology.valueSet(FHIR, id);

        assertThat(vs.getUrl()).isEqualTo(NhrTerminology.CANONICAL_BASE + "/ValueSet/" + id);
        assertThat(vs.getVersion()).isEqualTo(NhrTerminology.codeSystem(FHIR, id).getVersion());
        assertThat(vs.getCompose().getInclude()).singleElement().satisfies(inc -> {
            assertThat(inc.getSystem()).isEqualTo(NhrTerminology.CANONICAL_BASE + "/CodeSystem/" + id);
            assertThat(inc.hasConcept() || inc.hasFilter()).isFalse();
        });
    }

    @Test
    void everyCatalogueIsListedAsAPairInTheTableOfContents() {
        for (String id : CATALOGUES) {
            assertThat(NhrTerminology.CONTENT.files()).contains("CodeSystem-" + id + ".json", "ValueSet-" + id + ".json");
        }
    }

    @Test
    void ethnicGroupsAreThe54GroupsOfDecision121PlusForeigners() {
        CodeSystem cs = NhrTerminology.codeSystem(FHIR, "vn-ethnic-group");
        Map<String, String> d = displays("vn-ethnic-group");

        assertThat(cs.getUrl()).isEqualTo(NhrTerminology.ETHNIC_GROUP_SYSTEM);
        assertThat(cs.getCount()).isEqualTo(55);
        assertThat(d.keySet()).allMatch(c -> c.matches("(0[1-9]|[1-4][0-9]|5[0-5])"));
        assertThat(d).containsEntry("01", "Kinh").containsEntry("02", "Tày").containsEntry("03", "Thái")
                .containsEntry("04", "Hoa").containsEntry("05", "Khơ-me").containsEntry("06", "Mường")
                .containsEntry("55", "Người nước ngoài").doesNotContainKey("99");
        assertThat(cs.getConcept().get(54).getDesignationFirstRep().getValue()).isEqualTo("Foreigner");
        assertThat(cs.getDescription()).contains("121-TCTK/PPCĐ").contains("02/3/1979");
    }

    @Test
    void occupationIsTheSocialGroupListOfDecision4069() {
        Map<String, String> d = displays("vn-occupation");

        assertThat(d).hasSize(13).containsEntry("05", "Nông dân").containsEntry("09", "Y tế").containsEntry("99", "Khác");
        assertThat(NhrTerminology.codeSystem(FHIR, "vn-occupation").getUrl()).isEqualTo(NhrTerminology.OCCUPATION_SYSTEM);
    }

    @Test
    void educationLevelsAreGradesOneToTwelve() {
        Map<String, String> d = displays("vn-education-level");

        assertThat(d).hasSize(12).containsEntry("1", "1/12").containsEntry("12", "12/12");
    }

    @Test
    void xml130CodeListsCarryTheTextOfTheSpecificationIncludingThe4750Amendment() {
        assertThat(displays("vn-sex")).containsOnly(Map.entry("1", "Nam"), Map.entry("2", "Nữ"), Map.entry("3", "Chưa xác định"));
        assertThat(displays("vn-treatment-result")).hasSize(8).containsEntry("1", "Khỏi").containsEntry("5", "Tử vong")
                .containsEntry("8", "Tử vong ngoại viện");
        assertThat(displays("vn-discharge-type")).hasSize(5).containsEntry("3", "Trốn viện")
                .containsEntry("5", "Chuyển tuyến theo yêu cầu người bệnh");
        assertThat(NhrTerminology.codeSystem(FHIR, "vn-treatment-result").getDescription()).contains("KET_QUA_DTRI", "4750/QĐ-BYT");
    }

    @Test
    void nationalityIsAValueSetOverIso3166WithNoCodeSystemOfOurOwn() {
        ValueSet vs = NhrTerminology.CONTENT.parse(FHIR, ValueSet.class, "ValueSet-vn-nationality.json");

        assertThat(vs.getUrl()).isEqualTo(NhrTerminology.NATIONALITY_VALUE_SET);
        assertThat(vs.getCompose().getInclude()).singleElement()
                .satisfies(inc -> assertThat(inc.getSystem()).isEqualTo(NhrTerminology.ISO_3166_SYSTEM));
        assertThat(NhrTerminology.CONTENT.files()).noneMatch(f -> f.contains("CodeSystem-vn-nationality"));
    }
}
