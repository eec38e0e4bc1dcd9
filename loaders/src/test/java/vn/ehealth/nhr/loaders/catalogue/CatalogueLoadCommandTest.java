package vn.ehealth.nhr.loaders.catalogue;

import ca.uhn.fhir.context.FhirContext;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueLoadCommandTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path file, String... options) {
        CommandLine cmd = new CommandLine(new CatalogueLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(file.toString(), "--id", "vn-patient-object",
                "--title", "Danh mục đối tượng", "--version", "2024.1", "--publisher", "Bộ Y tế",
                "--legal-basis", "QĐ 824/QĐ-BYT ngày 15/02/2023", "--no-progress"));
        args.addAll(List.of(options));
        return cmd.execute(args.toArray(String[]::new));
    }

    private Path csv(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T written(Class<T> type, String file) throws Exception {
        return FHIR.newJsonParser().parseResource(type, Files.readString(dir.resolve("out").resolve(file)));
    }

    @Test
    void csvWithBomBecomesACodeSystemWhoseExtraColumnsAreDeclaredProperties() throws Exception {
        Path f = csv("doi-tuong.csv", BOM + "MA,TEN,TEN_TA,Ghi chú,Tỷ lệ hưởng\n"
                + "1.1,Đúng tuyến,On-route,,100\n"
                + "1.2,\"Cấp cứu, trái tuyến\",Emergency,\"có giấy \"\"chuyển\"\"\",80\n");

        int code = run(f, "--english-column", "TEN_TA", "--effective-from", "2024-01-01", "--output", dir.resolve("out").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("vn-patient-object (2 concept(s))");
        CodeSystem cs = written(CodeSystem.class, "CodeSystem-vn-patient-object.json");
        assertThat(cs.getUrl()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-patient-object");
        assertThat(cs.getVersion()).isEqualTo("2024.1");
        assertThat(cs.getLanguage()).isEqualTo("vi");
        assertThat(cs.getCount()).isEqualTo(2);
        assertThat(cs.getDateElement().getValueAsString()).isEqualTo("2024-01-01");
        assertThat(cs.getDescription()).contains("QĐ 824/QĐ-BYT ngày 15/02/2023").contains("doi-tuong.csv");
        assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode).containsExactly("ghi_chu", "ty_le_huong");
        ConceptDefinitionComponent second = cs.getConcept().get(1);
        assertThat(second.getDisplay()).isEqualTo("Cấp cứu, trái tuyến");
        assertThat(second.getDesignationFirstRep().getValue()).isEqualTo("Emergency");
        assertThat(second.getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("ghi_chu=có giấy \"chuyển\"", "ty_le_huong=80");
        // an empty cell gives no property value
        assertThat(cs.getConcept().get(0).getProperty()).extracting(CodeSystem.ConceptPropertyComponent::getCode)
                .containsExactly("ty_le_huong");
        ValueSet vs = written(ValueSet.class, "ValueSet-vn-patient-object.json");
        assertThat(vs.getUrl()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-patient-object");
        assertThat(vs.getCompose().getIncludeFirstRep().getSystem()).isEqualTo(cs.getUrl());
    }

    @Test
    void theParentColumnNestsConceptsAndPerCodeDatesBecomeStandardProperties() throws Exception {
        Path f = csv("khoa.csv", "MA,TEN,MA_CHA,HIEU_LUC_TU,HIEU_LUC_DEN\n"
                + "K01,Khối nội,,01/01/2022,\n"
                + "K01.1,Khoa tim mạch,K01,2022-01-01,20241231\n"
                + "K01.1.1,Đơn vị can thiệp,K01.1,,\n"
                + "K02,Khối ngoại,,,\n");

        assertThat(run(f, "--parent-column", "MA_CHA", "--output", dir.resolve("out").toString())).as(err.toString()).isZero();

        CodeSystem cs = written(CodeSystem.class, "CodeSystem-vn-patient-object.json");
        assertThat(cs.getCount()).isEqualTo(4);
        assertThat(cs.getHierarchyMeaning()).isEqualTo(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        assertThat(cs.getConcept()).extracting(ConceptDefinitionComponent::getCode).containsExactly("K01", "K02");
        ConceptDefinitionComponent cardio = cs.getConcept().get(0).getConceptFirstRep();
        assertThat(cardio.getCode()).isEqualTo("K01.1");
        assertThat(cardio.getConceptFirstRep().getCode()).isEqualTo("K01.1.1");
        assertThat(cardio.getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("effectiveDate=2022-01-01", "retirementDate=2024-12-31");
        assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode)
                .containsExactly("effectiveDate", "retirementDate");
    }

    @Test
    void anXlsxWithTitleLinesAboveTheHeaderIsReadFromTheNamedSheet() throws Exception {
        Path f = dir.resolve("dmdc.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(f)) {
            wb.createSheet("Ghi chu").createRow(0).createCell(0).setCellValue("không phải danh mục");
            Sheet s = wb.createSheet("DM");
            s.createRow(0).createCell(0).setCellValue("BỘ Y TẾ");
            s.createRow(1).createCell(0).setCellValue("Danh mục đối tượng khám chữa bệnh (kèm theo QĐ ...)");
            String[][] rows = {{"STT", "Mã đối tượng", "Tên đối tượng", "Nhóm"}, {"1", "01", "Người có công", "A"},
                    {"2", "02", "Trẻ em dưới 6 tuổi", "B"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(3 + r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(os);
        }

        int code = run(f, "--sheet", "DM", "--code-column", "mã đối tượng", "--name-column", "Tên đối tượng", "--dry-run");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("dry run: 2 row(s), 0 problem(s); nothing sent");
        assertThat(run(f, "--sheet", "DM", "--code-column", "mã đối tượng", "--name-column", "Tên đối tượng",
                "--output", dir.resolve("out").toString())).isZero();
        CodeSystem cs = written(CodeSystem.class, "CodeSystem-vn-patient-object.json");
        assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode).containsExactly("stt", "nhom");
        assertThat(cs.getConcept()).extracting(ConceptDefinitionComponent::getDisplay).containsExactly("Người có công", "Trẻ em dưới 6 tuổi");
    }

    @Test
    void everyBadRowIsReportedWithFileAndLineAndNothingIsWritten() throws Exception {
        Path f = csv("bad.csv", "MA,TEN,MA_CHA,HIEU_LUC_TU\n"
                + ",Không có mã,,\n"                   // line 2
                + "A,Một,,\n"                          // line 3
                + "A,Một lần nữa,,\n"                  // line 4
                + "B,Con mồ côi,Z,\n"                  // line 5
                + "C,Ngày sai,,31/02/2024\n"           // line 6
                + "D,,,\n"                             // line 7
                + "E,Vòng,F,\n"                        // line 8
                + "F,Vòng,E,\n");                      // line 9

        int code = run(f, "--parent-column", "MA_CHA", "--output", dir.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("bad.csv:2: empty code (column MA)")
                .contains("bad.csv:4: duplicate code \"A\" (first on line 3)")
                .contains("bad.csv:5: parent \"Z\" of code \"B\" not found in the file")
                .contains("bad.csv:6: malformed date \"31/02/2024\"")
                .contains("bad.csv:7: empty name (column TEN)")
                .contains("bad.csv:8: code \"E\" is its own ancestor")
                .contains("bad.csv:9: code \"F\" is its own ancestor");
        assertThat(out.toString()).contains("7 problem(s); nothing written or loaded");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void dryRunOfABadFileCountsProblemsAndFails() throws Exception {
        Path f = csv("dup.csv", "MA,TEN\n1,Một\n1,Hai\n");

        assertThat(run(f, "--dry-run")).isEqualTo(1);
        assertThat(out.toString()).contains("dry run: 2 row(s), 1 problem(s); nothing sent");
        assertThat(err.toString()).contains("dup.csv:3: duplicate code");
    }

    @Test
    void aMissingNameColumnOrParentColumnIsReportedForTheFile() throws Exception {
        Path f = csv("cols.csv", "MA,TEN_GOI\n1,Một\n");

        assertThat(run(f, "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("cols.csv:0: missing column(s)").contains("TEN");

        Path g = csv("noparent.csv", "MA,TEN\n1,Một\n");
        assertThat(run(g, "--dry-run", "--parent-column", "MA_CHA")).isEqualTo(1);
        assertThat(err.toString()).contains("noparent.csv:0: missing column(s)").contains("MA_CHA");
    }

    @Test
    void anEmptyTableAndTwoColumnsWithTheSamePropertyCodeAreProblems() throws Exception {
        assertThat(run(csv("empty.csv", BOM + "MA,TEN\n"), "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("empty.csv:1: no data rows under the header");

        assertThat(run(csv("clash.csv", "MA,TEN,Ghi chú,GHI CHU\n1,Một,a,b\n"), "--dry-run")).isEqualTo(1);
        assertThat(err.toString()).contains("clash.csv:1: column \"GHI CHU\" cannot become a property");
    }

    @Test
    void anUnreachableServerFailsTheRunAndLoadsNothing() throws Exception {
        Path f = csv("ok.csv", "MA,TEN\n1,Một\n");

        assertThat(run(f, "--server", "http://127.0.0.1:1/fhir")).isEqualTo(1);
        assertThat(err.toString()).contains("http://127.0.0.1:1/fhir").contains("nothing loaded");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path f = csv("ok.csv", "MA,TEN\n1,Một\n");

        assertThat(run(f, "--effective-from", "01/01/2024")).isEqualTo(2);
        assertThat(run(f, "--effective-from", "2024-02-01", "--effective-to", "2024-01-01", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("--effective-to is before --effective-from");
        CommandLine cmd = new CommandLine(new CatalogueLoadCommand());
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute(f.toString(), "--id", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required options");
    }
}
