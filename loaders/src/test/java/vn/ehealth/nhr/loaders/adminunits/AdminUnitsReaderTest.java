package vn.ehealth.nhr.loaders.adminunits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdminUnitsReaderTest {

    @TempDir
    Path dir;

    @Test
    void officialLayoutDerivesProvincesAndDistrictsFromCommuneRows() throws Exception {
        AdminUnitsReader.Result result = AdminUnitsReader.read(Fixtures.officialXlsx(dir));

        assertThat(result.problems()).isEmpty();
        assertThat(result.layout()).isEqualTo(AdminUnitsReader.Layout.OFFICIAL);
        assertThat(result.units().provinces()).extracting(AdminUnit::code).containsExactly("01", "79");
        assertThat(result.units().districts()).extracting(AdminUnit::code).containsExactly("001", "016", "760", "769", "787");
        assertThat(result.units().communes()).hasSize(6);
        AdminUnit phucXa = result.units().communes.get("00001");
        assertThat(phucXa).isEqualTo(new AdminUnit("00001", "commune", "Phường Phúc Xá", "Phường", "001", null, "HNBDPX", 2));
        assertThat(result.units().districts.get("001").parentCode()).isEqualTo("01");
    }

    @Test
    void unitTypesComeFromCapForCommunesAndFromTheNameOtherwiseInCanonicalSpelling() throws Exception {
        AdminUnitList units = AdminUnitsReader.read(Fixtures.officialXlsx(dir)).units();

        assertThat(units.provinces.get("01").unitType()).isEqualTo("Thành phố");
        assertThat(units.districts.get("016").unitType()).isEqualTo("Huyện");
        assertThat(units.districts.get("769").unitType()).isEqualTo("Thành phố"); // listed as "Thành Phố Thủ Đức"
        assertThat(units.communes.get("00376").unitType()).isEqualTo("Thị trấn");
    }

    @Test
    void namesLoseStraySpacesAndKeepTheirEnglishName() throws Exception {
        AdminUnit vinhPhuc = AdminUnitsReader.read(Fixtures.officialXlsx(dir)).units().communes.get("00006");

        assertThat(vinhPhuc.name()).isEqualTo("Phường Vĩnh Phúc");
        assertThat(vinhPhuc.englishName()).isEqualTo("Vinh Phuc Commune");
    }

    @Test
    void aRowWithoutCommuneDefinesADistrictWithoutCommunes() throws Exception {
        AdminUnitList units = AdminUnitsReader.read(Fixtures.officialXlsx(dir)).units();

        assertThat(units.districts.get("787").abbreviation()).isEqualTo("HCMCG");
        assertThat(units.children("787")).isEmpty();
    }

    @Test
    void simpleLayoutWithoutDistrictsPutsCommunesUnderProvinces() throws Exception {
        AdminUnitsReader.Result result = AdminUnitsReader.read(Fixtures.textWithBom(dir, "dvhc-2025.csv", Fixtures.LIST_2025));

        assertThat(result.problems()).isEmpty();
        assertThat(result.layout()).isEqualTo(AdminUnitsReader.Layout.SIMPLE);
        assertThat(result.units().hasDistricts()).isFalse();
        assertThat(result.units().communes.get("26740").parentCode()).isEqualTo("79");
        assertThat(result.units().children("01")).extracting(AdminUnit::code).containsExactly("00004", "00376");
    }

    @Test
    void duplicateCommuneCodeIsReportedWithBothLines() throws Exception {
        List<RowProblemText> problems = problemsOf(Fixtures.text(dir, "dup.csv", """
                matinh,tentinh,maxa,tenxa,cap
                01,Thành phố Hà Nội,00001,Phường Phúc Xá,Phường
                01,Thành phố Hà Nội,00001,Phường Trúc Bạch,Phường
                """));

        assertThat(problems).containsExactly(new RowProblemText("dup.csv:3: duplicate commune code 00001 (first on line 2)"));
    }

    @Test
    void aDistrictUnderTwoProvincesOrWithTwoNamesIsInconsistent() throws Exception {
        List<List<String>> rows = new ArrayList<>(Fixtures.OFFICIAL_ROWS);
        rows.add(List.of("Thành phố Hồ Chí Minh", "79", "Quận Ba Đình", "001", "Phường X", "99991", "Phường", "", ""));
        rows.add(List.of("Thành phố Hà Nội", "01", "Quận Ba Đinh", "001", "Phường Y", "99992", "Phường", "", ""));
        rows.add(List.of("Thành phố Hà Nộii", "01", "Quận Ba Đình", "001", "Phường Z", "99993", "Phường", "", ""));

        List<RowProblemText> problems = problemsOf(Fixtures.officialXlsx(dir, "bad.xlsx", rows));

        assertThat(problems).extracting(RowProblemText::text).containsExactly(
                "bad.xlsx:9: district 001 is \"Quận Ba Đình\" in 79 but \"Quận Ba Đình\" in 01 on line 2",
                "bad.xlsx:10: district 001 is \"Quận Ba Đinh\" in 01 but \"Quận Ba Đình\" in 01 on line 2",
                "bad.xlsx:11: province 01 is \"Thành phố Hà Nộii\" but \"Thành phố Hà Nội\" on line 2");
    }

    @Test
    void wrongCodeLengthsAndLevelWordsAreEachReported() throws Exception {
        List<RowProblemText> problems = problemsOf(Fixtures.text(dir, "codes.csv", """
                matinh,tentinh,maxa,tenxa,cap
                1,Thành phố Hà Nội,00001,Phường Phúc Xá,Phường
                01,Thành phố Hà Nội,0004,Phường Trúc Bạch,Phường
                01,Thành phố Hà Nội,00006,Phường Vĩnh Phúc,Ấp
                01,Hà Nội,00007,Phường Cống Vị,Phường
                """));

        assertThat(problems).extracting(RowProblemText::text).containsExactly(
                "codes.csv:2: wrong code format: matinh \"1\" must be 2 digits (keep the column as text so leading zeros survive)",
                "codes.csv:3: wrong code format: maxa \"0004\" must be 5 digits (keep the column as text so leading zeros survive)",
                "codes.csv:4: cap \"Ấp\" is not a commune type [Phường, Xã, Thị trấn, Đặc khu]",
                "codes.csv:5: province 01 is \"Hà Nội\" but \"Thành phố Hà Nội\" on line 4");
    }

    @Test
    void missingColumnAndUnsupportedFileTypeAreFileProblems() throws Exception {
        assertThat(problemsOf(Fixtures.text(dir, "nocap.csv", "matinh,tentinh,maxa,tenxa\n01,Thành phố Hà Nội,00001,Phường Phúc Xá\n")))
                .singleElement().extracting(RowProblemText::text).asString()
                .startsWith("nocap.csv:0: missing column(s)");
        assertThat(problemsOf(Fixtures.text(dir, "old.xls", "whatever")))
                .singleElement().extracting(RowProblemText::text).asString()
                .startsWith("old.xls:0: unsupported file type");
    }

    /** Problems as the user sees them. */
    record RowProblemText(String text) {
    }

    private static List<RowProblemText> problemsOf(Path file) {
        AdminUnitsReader.Result result = AdminUnitsReader.read(file);
        return result.problems().stream().map(p -> new RowProblemText(p.toString())).toList();
    }
}
