package vn.ehealth.nhr.loaders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.ehealth.nhr.ig.GuideExamples;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `nhr-load validate`: a vendor checks files against the guide on their own machine. */
class ValidateCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new NhrLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    @Test
    void aConformingPatientPassesAndAPatientWhoseCccdContradictsTheirSexIsNamed(@TempDir Path folder) throws Exception {
        GuideExamples examples = GuideExamples.fromClasspath();
        Files.write(folder.resolve("an.json"), examples.valid().get("Patient-nguyen-van-an.json"));
        Files.write(folder.resolve("wrong-sex.json"),
                examples.invalid().get("patient-cccd-wrong-sex--nhr-pat-cccd-sex.json"));

        int code = run("validate", "--lang", "en", folder.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("OK      " + folder.resolve("an.json"))
                .contains("INVALID " + folder.resolve("wrong-sex.json"))
                .contains("[nhr-pat-cccd-sex] Patient: Digit 4 of the CCCD")
                .contains("2 resource(s) in 2 file(s): 1 error(s)");
    }

    @Test
    void entriesOfATransactionAreValidatedOneByOneAndLocatedInTheBundle(@TempDir Path folder) throws Exception {
        String bad = new String(GuideExamples.fromClasspath().invalid()
                .get("patient-cccd-eleven-digits--nhr-pat-cccd-format.json"), java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("tx.json"), """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource": %s, "request": {"method": "POST", "url": "Patient"}}]}
                """.formatted(bad));

        int code = run("validate", folder.resolve("tx.json").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("entry[0]").contains("[nhr-pat-cccd-format] Bundle.entry[0].resource")
                .contains("Số CCCD phải gồm đúng 12 chữ số");
    }
}
