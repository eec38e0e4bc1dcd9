package vn.ehealth.nhr.loaders.icd10;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small workbooks laid out like the official QĐ 4469 file: title lines, header, appendix sheets. */
final class Icd10Workbook {

    static final List<String> HEADER = List.of("STT CHƯƠNG", "MÃ CHƯƠNG", "CHAPTER NAME", "TÊN CHƯƠNG", "MÃ NHÓM CHÍNH",
            "MAIN GROUP NAME I", "TÊN NHÓM CHÍNH", "MÃ NHÓM PHỤ 1", "SUB GROUP NAME I", "TÊN NHÓM PHỤ 1", "MÃ NHÓM PHỤ 2",
            "SUB GROUP NAME II", "TÊN NHÓM PHỤ 2", "MÃ LOẠI", "TYPE NAME", "TÊN LOẠI", "MÃ BỆNH", "MÃ BỆNH KHÔNG DẤU",
            "DISEASE NAME", "TÊN BỆNH", "GHI CHÚ", "NGÀY CẬP NHẬT");

    private List<String> header = HEADER;
    private final List<List<String>> rows = new ArrayList<>();
    private final Map<String, List<String>> appendices = new LinkedHashMap<>();

    /** The official rows used by most tests (real codes and names of QĐ 4469). */
    static Icd10Workbook sample() {
        Icd10Workbook wb = new Icd10Workbook();
        String[] a = {"I", "A00-B99", "Certain infectious and parasitic diseases", "Bệnh nhiễm trùng và ký sinh trùng",
                "A00-A09", "Intestinal infectious diseases", "Bệnh nhiễm trùng đường ruột"};
        wb.row(a, "A00", "A00", "Cholera", "Bệnh tả");
        wb.row(a, "A00", "A00.0", "Cholera due to Vibrio cholerae 01, biovar cholerae", "Bệnh tả do Vibrio cholerae 01, typ sinh học cholerae");
        wb.row(a, "A09", "A09", "Other gastroenteritis and colitis of infectious and unspecified origin", "Viêm dạ dày ruột và viêm đại tràng khác");
        wb.row(a, "A09", "A09.0", "Other and unspecified gastroenteritis and colitis of infectious origin", "Viêm dạ dày - ruột và đại tràng khác do nhiễm trùng");
        String[] e = {"IV", "E00-E90", "Endocrine, nutritional and metabolic diseases", "Bệnh nội tiết, dinh dưỡng và chuyển hóa",
                "E10-E14", "Diabetes mellitus", "Bệnh đái tháo đường"};
        wb.row(e, "E10", "E10", "Insulin-dependent diabetes mellitus", "Bệnh đái tháo đường phụ thuộc insuline");
        wb.row(e, "E11", "E11", "Non-insulin-dependent diabetes mellitus", "Bệnh đái tháo đường không phụ thuộc insuline");
        wb.row(e, "E11", "E11.2†", "Non-insulin-dependent diabetes mellitus with renal complications", "Bệnh đái tháo đường không phụ thuộc insuline (Có biến chứng thận)");
        String[] n = {"XIV", "N00-N99", "Diseases of the genitourinary system", "Bệnh hệ sinh dục - tiết niệu",
                "N00-N08", "Glomerular diseases", "Bệnh cầu thận"};
        wb.row(n, "N08", "N08", "Glomerular disorders in diseases classified elsewhere", "Bệnh cầu thận trong bệnh phân loại nơi khác");
        wb.row(n, "N08", "N08*", "Glomerular disorders in diseases classified elsewhere", "Bệnh cầu thận trong bệnh phân loại nơi khác");
        wb.row(n, "N08", "N08.3*", "Glomerular disorders in diabetes mellitus", "Bệnh cầu thận trong bệnh đái tháo đường");
        String[] m = {"XIV", "N00-N99", "Diseases of the genitourinary system", "Bệnh hệ sinh dục - tiết niệu",
                "N40-N51", "Diseases of male genital organs", "Bệnh cơ quan sinh dục nam"};
        wb.row(m, "N40", "N40", "Hyperplasia of prostate", "Tăng sản tuyến tiền liệt");
        String[] o = {"XV", "O00-O99", "Pregnancy, childbirth and the puerperium", "Chửa, đẻ và sau đẻ",
                "O80-O84", "Delivery", "Đẻ"};
        wb.row(o, "O80", "O80", "Single spontaneous delivery", "Đẻ thường một thai");
        String[] p = {"XVI", "P00-P96", "Certain conditions originating in the perinatal period", "Một số bệnh lý xuất phát trong thời kỳ chu sinh",
                "P05-P08", "Disorders related to length of gestation and fetal growth", "Rối loạn liên quan đến thời gian thai nghén"};
        wb.row(p, "P07", "P07", "Disorders related to short gestation and low birth weight", "Các rối loạn liên quan đến đẻ non và nhẹ cân");
        wb.row(p, "P07", "P07.0", "Extremely low birth weight", "Trẻ có cân nặng cực thấp");
        wb.appendix("A2 Mã ICD10 ko mã bệnh chính", "N083");
        wb.appendix("A3.1", "P07");
        wb.appendix("A3.2-A3.3-A3.4", "R95", "Phụ lục A3.3 Bệnh ở trẻ lớn (tuổi hợp lệ: 0 ngày – 10 tuổi)", "Mã",
                "Phụ lục A3.4 Bệnh ở thanh thiếu niên (tuổi hợp lệ: 0 ngày – 19 tuổi)", "Mã");
        wb.appendix("A3.5");
        wb.appendix("A3.6");
        wb.appendix("A3.7 - A3.8", "Phụ lục A3.8 Bệnh sản phụ khoa (tuổi hợp lệ : 9 – 60 tuổi)", "Mã", "O80");
        wb.appendix("A3.9");
        wb.appendix("A3.10");
        wb.appendix("A4.1", "O80");
        wb.appendix("A4.2", "N40");
        return wb;
    }

    /** A data row: chapter and main-group cells, then category, code (as written), English and Vietnamese name. */
    Icd10Workbook row(String[] chapterAndBlock, String category, String code, String english, String vietnamese) {
        List<String> r = new ArrayList<>(List.of(chapterAndBlock));
        r.addAll(List.of(" ", " ", " ", " ", " ", " ", category, english, vietnamese, code,
                code.replace(".", "").replace("†", "").replace("*", ""), english, vietnamese, "", " "));
        rows.add(r);
        return this;
    }

    /** Replaces an appendix sheet's codes (and section rows) by {@code cells}. */
    Icd10Workbook appendix(String sheet, String... cells) {
        appendices.put(sheet, List.of(cells));
        return this;
    }

    Icd10Workbook withoutColumn(String column) {
        header = header.stream().map(h -> h.equals(column) ? "CỘT KHÁC" : h).toList();
        return this;
    }

    Path write(Path folder) throws IOException {
        Path file = folder.resolve("icd10-fixture.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet main = wb.createSheet("ICD10");
            text(main.createRow(0), List.of("Phụ lục 1: Danh mục mã bệnh theo phân loại quốc tế bệnh tật, nguyên nhân tử vong theo ICD-10"));
            text(main.createRow(1), List.of("(Ban hành kèm theo Quyết định số 4469/QĐ-BYT ngày 26/10/2020 của Bộ trưởng Bộ Y tế)"));
            text(main.createRow(2), header);
            for (int i = 0; i < rows.size(); i++) {
                text(main.createRow(3 + i), rows.get(i));
            }
            for (Map.Entry<String, List<String>> a : appendices.entrySet()) {
                Sheet s = wb.createSheet(a.getKey());
                text(s.createRow(0), List.of("Phụ lục " + a.getKey().split(" ")[0]));
                text(s.createRow(1), List.of("(Ban hành kèm theo Quyết định số 4469/QĐ-BYT ngày 26/10/2020 của Bộ trưởng Bộ Y tế)"));
                text(s.createRow(2), List.of("Mã", "Tên bệnh", "Tên bệnh tiếng Anh"));
                for (int i = 0; i < a.getValue().size(); i++) {
                    Row r = s.createRow(3 + i);
                    r.createCell(0).setCellValue(a.getValue().get(i));
                    // Like the official file: the name is a VLOOKUP whose cached value is not used.
                    r.createCell(1).setCellFormula("VLOOKUP(A" + (4 + i) + ",'ICD10'!$R$4:$T$100,3,FALSE)");
                }
            }
            wb.write(out);
        }
        return file;
    }

    private static void text(Row row, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            row.createCell(c).setCellValue(cells.get(c));
        }
    }
}
