package vn.ehealth.nhr.loaders.xml130;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** CHUKYDONVI: an envelope signed in the test, the same altered after signing, one unsigned, one too large to verify. */
class EnvelopeSignatureTest {

    private static final String SIGNER = "CN=Benh vien Bach Mai,O=01001,C=VN";

    @TempDir
    static Path dir;
    private static byte[] signed;

    @BeforeAll
    static void sign() throws Exception {
        signed = TestSigner.generate(dir, SIGNER).sign(Files.readAllBytes(Xml130TestFiles.file("envelope-3-episodes.xml")));
    }

    private static String run(Path file, String... options) {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new NhrLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        String[] args = new String[options.length + 5];
        args[0] = "xml130";
        args[1] = "--dry-run";
        args[2] = "--no-progress";
        args[3] = "--lang=en";
        System.arraycopy(options, 0, args, 4, options.length);
        args[args.length - 1] = file.toString();
        int code = cmd.execute(args);
        return code + "\n" + out;
    }

    @Test
    void aValidSignatureIsReportedWithItsSignerAndTheEpisodesAreRead() throws Exception {
        Path file = Files.write(dir.resolve("signed.xml"), signed);

        EnvelopeSignature.Result result = new EnvelopeSignature(EnvelopeSignature.DEFAULT_LIMIT_BYTES).check(file);
        assertThat(result.status()).isEqualTo(EnvelopeSignature.Status.VALID);
        assertThat(result.signer()).isEqualTo(SIGNER);

        assertThat(run(file)).startsWith("0\n")
                .contains("signed.xml: 0 loaded, 0 updated, 0 refused, 3 checked (dry run)")
                .contains("  CHUKYDONVI: valid signature, signed by " + SIGNER
                        + " (whether a trusted CA issued the certificate is not checked)");
    }

    @Test
    void anEnvelopeAlteredAfterSigningIsRefusedAsAWhole() throws Exception {
        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).contains("<NGAYLAP>20261020</NGAYLAP>");
        Path file = Files.writeString(dir.resolve("altered.xml"), text.replace("<NGAYLAP>20261020</NGAYLAP>", "<NGAYLAP>20261021</NGAYLAP>"));

        EnvelopeSignature.Result result = new EnvelopeSignature(EnvelopeSignature.DEFAULT_LIMIT_BYTES).check(file);
        assertThat(result.status()).isEqualTo(EnvelopeSignature.Status.BROKEN);
        assertThat(result.line().format(MessageLanguage.VIETNAMESE))
                .startsWith("CHUKYDONVI: chữ ký số không hợp lệ, từ chối toàn bộ hồ sơ gửi: nội dung hồ sơ gửi đã bị thay đổi sau khi ký");

        assertThat(run(file)).startsWith("1\n")
                .contains("altered.xml: 0 loaded, 0 updated, 1 refused")
                .contains("    CHUKYDONVI: invalid signature, the whole envelope is refused: the envelope was changed after it was signed")
                .doesNotContain("checked (dry run)");
    }

    @Test
    void aSignatureOverAnotherKeyIsRefused() throws Exception {
        // the certificate of another key put in place of the signer's: the value no longer matches the key
        byte[] other = TestSigner.generate(dir, "CN=Mao danh,C=VN").sign(Files.readAllBytes(Xml130TestFiles.file("envelope-3-episodes.xml")));
        String forged = new String(signed, StandardCharsets.UTF_8).replaceFirst("(?s)<X509Certificate>.*</X509Certificate>",
                new String(other, StandardCharsets.UTF_8).replaceFirst("(?s).*(<X509Certificate>.*</X509Certificate>).*", "$1"));
        Path file = Files.writeString(dir.resolve("forged.xml"), forged);

        EnvelopeSignature.Result result = new EnvelopeSignature(EnvelopeSignature.DEFAULT_LIMIT_BYTES).check(file);
        assertThat(result.status()).isEqualTo(EnvelopeSignature.Status.BROKEN);
        assertThat(result.english()).contains("the signature value does not match the key of certificate CN=Mao danh,C=VN");
    }

    @Test
    void noSignatureIsAllowedAndSaidSo() throws Exception {
        assertThat(run(Xml130TestFiles.file("envelope-3-episodes.xml"))).startsWith("0\n")
                .contains("  CHUKYDONVI: no facility signature (it is optional)");
    }

    @Test
    void anEnvelopeAboveTheLimitIsScannedNotVerified() throws Exception {
        Path file = Files.write(dir.resolve("large.xml"), signed);
        EnvelopeSignature.Result result = new EnvelopeSignature(1024).check(file);
        assertThat(result.status()).isEqualTo(EnvelopeSignature.Status.NOT_VERIFIED);

        assertThat(run(file, "--signature-limit-mb=0")).startsWith("0\n")
                .contains("  CHUKYDONVI: signed but not verified: the envelope is 0 MB, above the 0 MB signature-check limit");
    }

    @Test
    void anEnvelopeInsideAZipIsCheckedLikeAFile() throws Exception {
        String text = new String(signed, StandardCharsets.UTF_8);
        Path zip = dir.resolve("batch.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("a-signed.xml"));
            out.write(signed);
            out.putNextEntry(new java.util.zip.ZipEntry("b-altered.xml"));
            out.write(text.replace("<NGAYLAP>20261020</NGAYLAP>", "<NGAYLAP>20261021</NGAYLAP>").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(run(zip)).startsWith("1\n")
                .contains("  CHUKYDONVI: valid signature, signed by " + SIGNER)
                .contains("    CHUKYDONVI: invalid signature, the whole envelope is refused: the envelope was changed after it was signed")
                // the signed envelope's three episodes are read, the altered one's are not
                .contains("3 checked (dry run)");
    }

    @Test
    void aPlainTableFileHasNoEnvelopeSignature() throws Exception {
        assertThat(new EnvelopeSignature(EnvelopeSignature.DEFAULT_LIMIT_BYTES).check(Xml130TestFiles.file("xml1-utf16.xml"))).isNull();
    }
}
