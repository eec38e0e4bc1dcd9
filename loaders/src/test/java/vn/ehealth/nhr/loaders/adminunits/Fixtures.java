package vn.ehealth.nhr.loaders.adminunits;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small lists written by the tests themselves, with real codes of the 2024 and 2025 lists. */
final class Fixtures {

    static final List<String> OFFICIAL_HEADER = List.of("id", "tentinh", "matinh", "tenhuyen", "mahuyen", "tenxa",
            "maxa", "cap", "tentienganh", "viettat");

    /** Hà Nội (two districts, one commune with spacing and an English name) and TP Hồ Chí Minh. */
    static final List<List<String>> OFFICIAL_ROWS = List.of(
            List.of("Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Phúc Xá", "00001", "Phường", "", "HNBDPX"),
            List.of("Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường Trúc Bạch", "00004", "Phường", "", "HNBDTB"),
            List.of("Thành phố Hà Nội", "01", "Quận Ba Đình", "001", "Phường  Vĩnh Phúc ", "00006", "Phường",
                    "Vinh Phuc Commune", "HNBDVP"),
            List.of("Thành phố Hà Nội", "01", "Huyện Sóc Sơn", "016", "Thị trấn Sóc Sơn", "00376", "Thị trấn", "", "HNSSSS"),
            List.of("Thành phố Hồ Chí Minh", "79", "Quận 1", "760", "Phường Bến Nghé", "26740", "Phường", "", "HCMQ1BN"),
            List.of("Thành phố Hồ Chí Minh", "79", "Thành Phố Thủ Đức", "769", "Phường Bình Trưng Đông", "27097", "Phường", "", "HCMTDBTD"),
            // an island district without communes, as in the official file
            List.of("Thành phố Hồ Chí Minh", "79", "Huyện Cần Giờ", "787", "", "", "Huyện", "", "HCMCG"));

    private Fixtures() {
    }

    /** The official layout: a title-less Sheet1 whose id column is a formula, like the GSO export. */
    static Path officialXlsx(Path dir, String name, List<List<String>> rows) throws IOException {
        Path file = dir.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Sheet1");
            Row header = sheet.createRow(0);
            for (int c = 0; c < OFFICIAL_HEADER.size(); c++) {
                header.createCell(c).setCellValue(OFFICIAL_HEADER.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellFormula("CONCATENATE(C" + (r + 2) + ",E" + (r + 2) + ",G" + (r + 2) + ")");
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c + 1).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
        return file;
    }

    static Path officialXlsx(Path dir) throws IOException {
        return officialXlsx(dir, "dvhc-2024.xlsx", OFFICIAL_ROWS);
    }

    /** Hand-made two-tier list in the style of 1 July 2025: no districts, communes straight under provinces. */
    static final String LIST_2025 = """
            matinh,tentinh,maxa,tenxa,cap
            01,Thành phố Hà Nội,00004,Phường Ba Đình,Phường
            01,Thành phố Hà Nội,00376,Xã Sóc Sơn,Xã
            79,Thành phố Hồ Chí Minh,26740,Phường Sài Gòn,Phường
            79,Thành phố Hồ Chí Minh,27097,Phường Bình Trưng Đông,Phường
            79,Thành phố Hồ Chí Minh,27892,Xã Tân Đông,Xã
            """;

    /** From the 2024 fixture to {@link #LIST_2025}. */
    static final String MAP_2024_TO_2025 = """
            old_code,old_version,new_code,relationship,comment
            00001,2024-06-11,00004,wider,Phúc Xá merged into Ba Đình
            00004,2024-06-11,00004,wider,
            00006,2024-06-11,00004,wider,
            00376,2024-06-11,00376,wider,
            26740,2024-06-11,26740,wider,
            27097,2024-06-11,27097,equivalent,
            01,2024-06-11,01,equivalent,
            79,2024-06-11,79,equivalent,
            """;

    static Path text(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** CSV as Excel saves it: UTF-8 with a byte-order mark. */
    static Path textWithBom(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), "\uFEFF" + content, StandardCharsets.UTF_8);
    }
}
