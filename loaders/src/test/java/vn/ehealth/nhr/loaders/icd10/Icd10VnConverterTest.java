package vn.ehealth.nhr.loaders.icd10;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.loaders.table.RowProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10VnConverterTest {

    @TempDir
    Path dir;

    private CodeSystem convertSample() throws Exception {
        Icd10VnConverter.Result result = new Icd10VnConverter().convert(Icd10Workbook.sample().write(dir));
        assertThat(result.problems()).isEmpty();
        return result.codeSystem().orElseThrow();
    }

    private static ConceptDefinitionComponent find(CodeSystem cs, String code) {
        return find(cs.getConcept(), code).orElseThrow(() -> new AssertionError(code + " not found"));
    }

    private static Optional<ConceptDefinitionComponent> find(java.util.List<ConceptDefinitionComponent> concepts, String code) {
        for (ConceptDefinitionComponent c : concepts) {
            if (c.getCode().equals(code)) {
                return Optional.of(c);
            }
            Optional<ConceptDefinitionComponent> inner = find(c.getConcept(), code);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static String property(ConceptDefinitionComponent c, String code) {
        return c.getProperty().stream().filter(p -> p.getCode().equals(code)).findFirst()
                .map(p -> p.getValue()).map(Type::primitiveValue).orElse(null);
    }

    @Test
    void metadataIdentifiesTheVietnameseEdition() throws Exception {
        CodeSystem cs = convertSample();

        assertThat(cs.getUrl()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
        assertThat(cs.getVersion()).isEqualTo("4469/QĐ-BYT-2020");
        assertThat(cs.getName()).isEqualTo("ICD10VN");
        assertThat(cs.getLanguage()).isEqualTo("vi");
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(cs.getHierarchyMeaning()).isEqualTo(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        assertThat(cs.getDescription()).contains("4469/QĐ-BYT", "26/10/2020", "7603/QĐ-BYT");
        assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode).contains("kind", "chapter", "block",
                "dual-classification", "sex", "age-min-days", "age-max-days", "principal-diagnosis", "code-without-dot");
    }

    @Test
    void conceptsNestChapterBlockCategorySubcategory() throws Exception {
        CodeSystem cs = convertSample();

        assertThat(cs.getConcept()).extracting(ConceptDefinitionComponent::getCode)
                .containsExactly("A00-B99", "E00-E90", "N00-N99", "O00-O99", "P00-P96");
        ConceptDefinitionComponent chapter = cs.getConcept().get(0);
        assertThat(property(chapter, "kind")).isEqualTo("chapter");
        assertThat(property(chapter, "chapter-number")).isEqualTo("I");
        ConceptDefinitionComponent block = chapter.getConcept().get(0);
        assertThat(block.getCode()).isEqualTo("A00-A09");
        assertThat(block.getConcept()).extracting(ConceptDefinitionComponent::getCode).containsExactly("A00", "A09");
        ConceptDefinitionComponent a090 = block.getConcept().get(1).getConcept().get(0);
        assertThat(a090.getCode()).isEqualTo("A09.0");
        assertThat(a090.getDisplay()).isEqualTo("Viêm dạ dày - ruột và đại tràng khác do nhiễm trùng");
        assertThat(a090.getDesignation()).anySatisfy(d -> {
            assertThat(d.getLanguage()).isEqualTo("en");
            assertThat(d.getValue()).isEqualTo("Other and unspecified gastroenteritis and colitis of infectious origin");
            assertThat(d.getUse().getCode()).isEqualTo("display");
        });
        assertThat(property(a090, "kind")).isEqualTo("subcategory");
        assertThat(property(a090, "chapter")).isEqualTo("A00-B99");
        assertThat(property(a090, "block")).isEqualTo("A00-A09");
        assertThat(property(a090, "code-without-dot")).isEqualTo("A090");
        assertThat(property(a090, "principal-diagnosis")).as("absent = may be principal").isNull();
        assertThat(cs.getCount()).isEqualTo(5 + 6 + 8 + 5);
    }

    @Test
    void daggerAndAsteriskMarksBecomeAPropertyAndLeaveTheCode() throws Exception {
        CodeSystem cs = convertSample();

        assertThat(property(find(cs, "E11.2"), "dual-classification")).isEqualTo("dagger");
        assertThat(property(find(cs, "N08.3"), "dual-classification")).isEqualTo("asterisk");
        assertThat(property(find(cs, "A09.0"), "dual-classification")).isNull();
    }

    @Test
    void aCategoryListedAgainWithItsMarkIsOneMarkedConcept() throws Exception {
        CodeSystem cs = convertSample();

        ConceptDefinitionComponent n08 = find(cs, "N08");
        assertThat(property(n08, "dual-classification")).isEqualTo("asterisk");
        assertThat(find(cs, "N00-N08").getConcept()).extracting(ConceptDefinitionComponent::getCode).containsExactly("N08");
    }

    @Test
    void appendixRestrictionsOfACategoryApplyToItsSubcategories() throws Exception {
        CodeSystem cs = convertSample();

        assertThat(property(find(cs, "P07"), "age-min-days")).isEqualTo("0");
        assertThat(property(find(cs, "P07.0"), "age-min-days")).isEqualTo("0");
        assertThat(property(find(cs, "P07.0"), "age-max-days")).isEqualTo("365");
        assertThat(property(find(cs, "N08.3"), "principal-diagnosis")).isEqualTo("false");
        assertThat(property(find(cs, "N08"), "principal-diagnosis")).isNull();
    }

    @Test
    void sexAndAgeSectionsFollowTheirTitleRows() throws Exception {
        CodeSystem cs = convertSample();

        ConceptDefinitionComponent o80 = find(cs, "O80");
        assertThat(property(o80, "sex")).isEqualTo("female");
        // A3.8, the second section of its sheet: 9–60 years
        assertThat(property(o80, "age-min-days")).isEqualTo("3287");
        assertThat(property(o80, "age-max-days")).isEqualTo("22279");
        assertThat(property(find(cs, "N40"), "sex")).isEqualTo("male");
        assertThat(property(find(cs, "A09"), "sex")).isNull();
    }

    @Test
    void aMissingColumnNamesTheFileAndYieldsNothing() throws Exception {
        Path file = Icd10Workbook.sample().withoutColumn("MÃ BỆNH KHÔNG DẤU").write(dir);

        Icd10VnConverter.Result result = new Icd10VnConverter().convert(file);

        assertThat(result.codeSystem()).isEmpty();
        assertThat(result.problems()).singleElement().asString()
                .startsWith("icd10-fixture.xlsx:0: missing column(s)").contains("MÃ BỆNH KHÔNG DẤU");
    }

    @Test
    void aDuplicateCodeIsReportedWithBothLines() throws Exception {
        String[] a = {"I", "A00-B99", "Infectious", "Bệnh nhiễm trùng", "A00-A09", "Intestinal", "Bệnh đường ruột"};
        Path file = Icd10Workbook.sample().row(a, "A00", "A00.0", "Something else", "Bệnh khác").write(dir);

        assertProblemOnly(file, "icd10-fixture.xlsx:18: duplicate code A00.0 (also on line 5)");
    }

    @Test
    void aSubcategoryWithoutItsCategoryIsReported() throws Exception {
        String[] a = {"I", "A00-B99", "Infectious", "Bệnh nhiễm trùng", "A00-A09", "Intestinal", "Bệnh đường ruột"};
        Path file = Icd10Workbook.sample().row(a, "A08", "A08.0", "Rotaviral enteritis", "Viêm ruột do rotavirus").write(dir);

        assertProblemOnly(file, "icd10-fixture.xlsx:18: subcategory A08.0 has no category row A08");
    }

    @Test
    void aCodeOfTheWrongFormatIsReported() throws Exception {
        String[] a = {"I", "A00-B99", "Infectious", "Bệnh nhiễm trùng", "A00-A09", "Intestinal", "Bệnh đường ruột"};
        Path file = Icd10Workbook.sample().row(a, "A01", "A1.0", "Typhoid", "Thương hàn").write(dir);

        assertProblemOnly(file, "icd10-fixture.xlsx:18: code (MÃ BỆNH) 'A1.0' is not an ICD-10 code like A09 or A09.0");
    }

    @Test
    void aCategoryWithoutBlockOrChapterIsReported() throws Exception {
        String[] noBlock = {"I", "A00-B99", "Infectious", "Bệnh nhiễm trùng", " ", " ", " "};
        String[] noChapter = {" ", " ", " ", " ", "A00-A09", "Intestinal", "Bệnh đường ruột"};
        Path file = Icd10Workbook.sample().row(noBlock, "A01", "A01", "Typhoid", "Thương hàn")
                .row(noChapter, "A02", "A02", "Salmonella", "Nhiễm salmonella").write(dir);

        Icd10VnConverter.Result result = new Icd10VnConverter().convert(file);

        assertThat(result.codeSystem()).isEmpty();
        assertThat(result.problems()).extracting(RowProblem::toString).containsExactly(
                "icd10-fixture.xlsx:18: block (MÃ NHÓM CHÍNH) is missing",
                "icd10-fixture.xlsx:19: chapter (MÃ CHƯƠNG) is missing or not a range like A00-B99: ''");
    }

    @Test
    void unsupportedFileTypesAreRefused() throws Exception {
        for (String name : new String[] {"icd10.xls", "icd10.txt"}) {
            Path file = Files.writeString(dir.resolve(name), "not a workbook");

            Icd10VnConverter.Result result = new Icd10VnConverter().convert(file);

            assertThat(result.codeSystem()).isEmpty();
            assertThat(result.problems()).singleElement().asString().startsWith(name + ":0: unsupported file type");
        }
    }

    private static void assertProblemOnly(Path file, String problem) {
        Icd10VnConverter.Result result = new Icd10VnConverter().convert(file);
        assertThat(result.codeSystem()).isEmpty();
        assertThat(result.problems()).extracting(RowProblem::toString).containsExactly(problem);
    }
}
