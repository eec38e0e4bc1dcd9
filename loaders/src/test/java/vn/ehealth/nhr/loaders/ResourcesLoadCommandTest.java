package vn.ehealth.nhr.loaders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcesLoadCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new NhrLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ResourcesLoadCommandTest.class.getResource("/fixtures/" + name).toURI()).toString();
    }

    @Test
    void dryRunOfAGoodFileSendsNothingAndSucceeds() throws Exception {
        // the server URL points nowhere: a dry run must not try to reach it
        int code = run("resources", "--dry-run", "--server", "http://127.0.0.1:1/fhir", fixture("patient-nguyen.json"));

        assertThat(code).isZero();
        assertThat(out.toString()).contains("1 file(s) readable, 0 with problems; nothing sent");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dryRunNamesEveryBadFileWithItsProblem(@TempDir Path folder) throws Exception {
        // A folder of its own: fixtures/ also holds release fixtures of other loaders (loinc.xml is FHIR).
        for (String name : new String[] {"patient-nguyen.json", "broken.json", "not-fhir.json", "notes.txt"}) {
            Files.copy(Path.of(fixture(name)), folder.resolve(name));
        }

        int code = run("resources", "--dry-run", folder.toString(), folder.resolve("notes.txt").toString(),
                folder.resolve("missing.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("1 file(s) readable, 4 with problems");
        assertThat(err.toString())
                .contains("broken.json: not a valid FHIR R4 resource")
                .contains("not-fhir.json: not a valid FHIR R4 resource")
                .contains("Pateint")
                .contains("notes.txt: unsupported file type")
                .contains("missing.json: no such file or folder");
    }

    @Test
    void anUnreachableServerIsReportedPerFileAndFailsTheRun() throws Exception {
        int code = run("resources", "--no-progress", "--server", "http://127.0.0.1:1/fhir", fixture("patient-nguyen.json"));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("loaded 0 file(s)").contains("1 refused");
        assertThat(err.toString()).contains("patient-nguyen.json: ");
    }

    @Test
    void aMissingPathArgumentIsAUsageError() {
        assertThat(run("resources")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
    }
}
