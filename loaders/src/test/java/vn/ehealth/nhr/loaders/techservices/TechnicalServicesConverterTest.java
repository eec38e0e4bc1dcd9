package vn.ehealth.nhr.loaders.techservices;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.terminology.TechnicalServices;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TechnicalServicesConverterTest {

    private static final List<String> HEADER = List.of("Mã chuyên khoa 21", "Chuyên khoa 21", "Mã tương đương", "Tên 21",
            "Phân tuyến", "Phân loại", "Mã ICD-9", "Tên ICD-9", "Chương ICD-9", "ID Chương ICD-9", "Ngày đồng bộ");
    private static final String CH16 = "(87-99) PTTT CHẨN ĐOÁN VÀ ĐIỀU TRỊ KHÔNG ĐỊNH DANH";
    private static final String CH7 = "(35-39) PHẪU THUẬT HỆ TUẦN HOÀN";

    @TempDir
    Path dir;

    private final List<String[]> rows = new ArrayList<>(List.of(
            new String[] {"1", "Hồi sức", "01.0115.0297", "Siêu âm nội soi phế quản ống mềm ", "A", "TD", "88.73",
                    "Siêu âm chẩn đoán ở vị trí khác của ngực", CH16, "16", "12/10/2020"},
            new String[] {"10", "Ngoại", "10.0225.0403", "Tạo hình hoặc thay van ba lá", "B", "PD", "35.28",
                    "Loại thay van ba lá khác", CH7, "7", "14/10/2020"},
            new String[] {"10", "Ngoại", "10.0225.0403", "Tạo hình hoặc thay van ba lá", "B", "PD", "35.14",
                    "Tạo hình van ba lá", CH7, "7", "14/10/2020"},
            new String[] {"", "", "10.1114.0438", "Khâu vết thương", "C", "", "", "", "", "", ""}));

    private Path write(List<String> header) throws Exception {
        Path file = dir.resolve("pl3.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Sheet0");
            sheet.createRow(0).createCell(0).setCellValue("Phụ lục 3: Danh mục chuyển đổi …");
            sheet.createRow(1).createCell(0).setCellValue("(Ban hành kèm theo Quyết định …)");
            fill(sheet.createRow(2), header.toArray(String[]::new));
            for (int i = 0; i < rows.size(); i++) {
                fill(sheet.createRow(3 + i), rows.get(i));
            }
            wb.write(out);
        }
        return file;
    }

    private static void fill(Row row, String[] values) {
        for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
        }
    }

    private TechnicalServicesConverter.Result convert() throws Exception {
        return new TechnicalServicesConverter().convert(write(HEADER), () -> { });
    }

    @Test
    void aGoodFileGivesTwoCodeSystemsTwoValueSetsAndTheMap() throws Exception {
        TechnicalServicesConverter.Result r = convert();

        assertThat(r.problems()).isEmpty();
        assertThat(r.resources()).extracting(x -> x.fhirType() + "/" + x.getIdElement().getIdPart()).containsExactly(
                "CodeSystem/vn-technical-service", "ValueSet/vn-technical-service", "CodeSystem/icd9cm-vol3-vn",
                "ValueSet/vn-icd9cm-procedures", "ConceptMap/vn-technical-service-to-icd9cm");
        assertThat(r.services()).isEqualTo(3);
        assertThat(r.procedures()).isEqualTo(3);
        assertThat(r.mappedServices()).isEqualTo(2);
        assertThat(r.notes()).containsExactly("1 row(s) without a specialty code: taken from the service code's first segment");
    }

    @Test
    void servicesCarryTrimmedNamesSpecialtyTierAndClass() throws Exception {
        CodeSystem cs = (CodeSystem) convert().resources().get(0);

        assertThat(cs.getUrl()).isEqualTo(TechnicalServices.SYSTEM);
        CodeSystem.ConceptDefinitionComponent c = cs.getConcept().get(0);
        assertThat(c.getDisplay()).isEqualTo("Siêu âm nội soi phế quản ống mềm");
        assertThat(c.getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("specialty=01", "specialty-name=Hồi sức", "tier=A", "class=TD");
        assertThat(cs.getConcept().get(2).getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("specialty=10", "specialty-name=Ngoại", "tier=C");
        CodeSystem icd9 = (CodeSystem) convert().resources().get(2);
        assertThat(icd9.getUrl()).isEqualTo("http://hl7.org/fhir/sid/icd-9-cm");
        assertThat(icd9.getConcept().get(0).getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("chapter=87-99", "chapter-name=PTTT CHẨN ĐOÁN VÀ ĐIỀU TRỊ KHÔNG ĐỊNH DANH");
    }

    @Test
    void oneProcedureIsWiderSeveralAreEachInexact() throws Exception {
        ConceptMap map = (ConceptMap) convert().resources().get(4);

        List<ConceptMap.SourceElementComponent> elements = map.getGroupFirstRep().getElement();
        assertThat(elements).extracting(ConceptMap.SourceElementComponent::getCode).containsExactly("01.0115.0297", "10.0225.0403");
        assertThat(elements.get(0).getTargetFirstRep().getEquivalence()).isEqualTo(ConceptMapEquivalence.WIDER);
        assertThat(elements.get(1).getTarget()).extracting(t -> t.getCode() + " " + t.getEquivalence())
                .containsExactly("35.28 INEXACT", "35.14 INEXACT");
    }

    @Test
    void aRepeatedRowIsMergedWithANote() throws Exception {
        rows.add(rows.get(0));
        TechnicalServicesConverter.Result r = convert();
        assertThat(r.problems()).isEmpty();
        assertThat(r.notes()).contains("1 row(s) repeat an earlier row exactly and were merged into it");
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndNothingIsProduced() throws Exception {
        rows.add(new String[] {"1", "Hồi sức", "", "Không mã", "A", "T1", "", "", "", "", ""});
        rows.add(new String[] {"1", "Hồi sức", "1.115.297", "Mã sai", "A", "T1", "", "", "", "", ""});
        rows.add(new String[] {"1", "Hồi sức", "01.0116.0118", "Nội soi", "A", "T1", "88.7.3", "Sai", CH16, "", ""});
        rows.add(new String[] {"1", "Hồi sức", "01.0115.0297", "Tên khác", "A", "TD", "", "", "", "", ""});
        rows.add(new String[] {"1", "Hồi sức", "01.0117.0118", "Nội soi", "A", "T1", "88.73", "Tên khác", CH16, "", ""});
        rows.add(new String[] {"2", "Nội", "01.0118.0118", "Nội soi", "E", "T1", "", "", "", "", ""});
        rows.add(new String[] {"1", "Hồi sức", "01.0119.0118", "", "A", "T1", "", "", "", "", ""});

        TechnicalServicesConverter.Result r = convert();

        assertThat(r.resources()).isEmpty();
        assertThat(r.problems().stream().map(RowProblem::toString)).containsExactly(
                "pl3.xlsx:8: empty service code (column Mã tương đương)",
                "pl3.xlsx:9: service code \"1.115.297\" is not like 01.0115.0297",
                "pl3.xlsx:10: ICD-9 code \"88.7.3\" is not an ICD-9-CM procedure code like 88.73",
                "pl3.xlsx:11: service 01.0115.0297 conflicts with line 4: name \"Tên khác\" vs \"Siêu âm nội soi phế quản ống mềm\"",
                "pl3.xlsx:12: ICD-9 code 88.73 conflicts with line 4: \"Tên khác\" (87-99) vs \"Siêu âm chẩn đoán ở vị trí khác của ngực\" (87-99)",
                "pl3.xlsx:13: specialty code \"2\" does not match service code 01.0118.0118",
                "pl3.xlsx:13: specialty 01 is named \"Nội\" here but \"Hồi sức\" on an earlier line",
                "pl3.xlsx:13: tier (Phân tuyến) \"E\" of 01.0118.0118 is not one of A, B, C, D",
                "pl3.xlsx:14: empty name of service 01.0119.0118 (column Tên 21)");
    }

    @Test
    void aMissingColumnMakesTheFileUnreadable() throws Exception {
        List<String> header = new ArrayList<>(HEADER);
        header.set(6, "ICD9");
        TechnicalServicesConverter.Result r = new TechnicalServicesConverter().convert(write(header), () -> { });
        assertThat(r.resources()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .startsWith("pl3.xlsx:0: missing column(s)").contains("Mã ICD-9"));
    }

    @Test
    void theCommandWritesTheFiveResourcesOrOnlyChecks() throws Exception {
        Path file = write(HEADER);
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new TechnicalServicesLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(cmd.execute(file.toString(), "--dry-run", "--no-progress", "--server", "http://127.0.0.1:1/fhir")).isZero();
        assertThat(out.toString()).contains("services: 3 (mapped: 2), ICD-9-CM procedures: 3").contains("dry run: no problem");

        Path target = dir.resolve("out");
        assertThat(cmd.execute(file.toString(), "--no-progress", "--output", target.toString())).isZero();
        assertThat(Files.readString(target.resolve("ConceptMap-vn-technical-service-to-icd9cm.json")))
                .startsWith("{\"resourceType\":\"ConceptMap\"").doesNotContain("\n");
        assertThat(target.resolve("CodeSystem-icd9cm-vol3-vn.json")).exists();
    }

    @Test
    void anUnreachableServerFailsTheLoad() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new TechnicalServicesLoadCommand());
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute(write(HEADER).toString(), "--no-progress", "--server", "http://127.0.0.1:1/fhir")).isEqualTo(1);
        assertThat(err.toString()).contains("pl3.xlsx: cannot reach http://127.0.0.1:1/fhir");
    }
}
