package vn.ehealth.nhr.loaders.icd10;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10LoadCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new Icd10LoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void dryRunOfAGoodFileReportsTheCountsAndLoadsNothing() throws Exception {
        Path file = Icd10Workbook.sample().write(dir);

        int code = run(file.toString(), "--dry-run", "--no-progress", "--server", "http://127.0.0.1:1/fhir");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("chapters: 5, blocks: 6, categories: 8, subcategories: 5")
                .contains("dry run: no problem; nothing loaded");
        assertThat(err.toString()).doesNotContain("icd10-fixture.xlsx");
    }

    @Test
    void dryRunOfABadFilePrintsEveryProblemAndFails() throws Exception {
        String[] a = {"I", "A00-B99", "Infectious", "Bệnh nhiễm trùng", "A00-A09", "Intestinal", "Bệnh đường ruột"};
        Path file = Icd10Workbook.sample().row(a, "A00", "A00.0", "Other", "Khác")
                .row(a, "A01", "A1.0", "Typhoid", "Thương hàn").write(dir);

        int code = run(file.toString(), "--dry-run", "--no-progress");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines().filter(l -> l.startsWith("icd10-fixture.xlsx:"))).containsExactly(
                "icd10-fixture.xlsx:18: duplicate code A00.0 (also on line 5)",
                "icd10-fixture.xlsx:19: code (MÃ BỆNH) 'A1.0' is not an ICD-10 code like A09 or A09.0");
        assertThat(out.toString()).contains("2 problem(s); nothing to load");
    }

    @Test
    void outputWritesTheCodeSystemAsMinifiedJson() throws Exception {
        Path file = Icd10Workbook.sample().write(dir);
        Path json = dir.resolve("icd10.json");

        int code = run(file.toString(), "--no-progress", "--output", json.toString());

        assertThat(code).isZero();
        String text = Files.readString(json);
        assertThat(text).startsWith("{\"resourceType\":\"CodeSystem\"").doesNotContain("\n")
                .contains("\"code\":\"E11.2\"").doesNotContain("E11.2†");
    }

    @Test
    void anUnreachableServerFailsTheLoad() throws Exception {
        Path file = Icd10Workbook.sample().write(dir);

        int code = run(file.toString(), "--no-progress", "--server", "http://127.0.0.1:1/fhir");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("icd10-fixture.xlsx: cannot reach http://127.0.0.1:1/fhir");
    }

    @Test
    void aMissingFileArgumentIsAUsageError() {
        assertThat(run()).isEqualTo(2);
    }
}
