package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.ehealth.nhr.loaders.NhrLoadCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class Xml130LoadCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new NhrLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    @Test
    void aDryRunReportsEachFileAndEveryRefusalWithItsRow() {
        int code = run("xml130", "--dry-run", "--no-progress", "--lang", "en",
                Xml130TestFiles.file("envelope-3-episodes.xml").toString(), Xml130TestFiles.file("envelope-broken.xml").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("envelope-3-episodes.xml: 0 loaded, 0 updated, 0 refused, 3 checked (dry run)")
                .contains("envelope-broken.xml: 0 loaded, 0 updated, 7 refused, 1 checked (dry run)")
                .contains("refused envelope-broken.xml HOSO 7 (MA_LK BM2610200017)")
                .contains("    XML1 STT 3 SO_CCCD: 11 digits (a CCCD has exactly 12)")
                .contains("    XML3 STT 7 MA_BENH: unknown ICD-10 code X999");
    }

    @Test
    void theReportIsVietnameseByDefault() {
        int code = run("xml130", "--dry-run", "--no-progress", Xml130TestFiles.file("plain-tables").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("plain-tables: 0 hồ sơ nạp mới, 0 cập nhật, 1 bị từ chối, 2 đã kiểm tra (chạy thử)")
                .contains("XML2 STT 3 MA_LK: không có hồ sơ XML1 nào mang MA_LK BM2610219999 trong tệp");
    }

    @Test
    void aSecondLoadOfTheSameEpisodeIsAnUpdateAndAServerRefusalNamesTheXmlRow() throws Exception {
        Set<String> stored = new HashSet<>();
        Xml130Loader.Sender server = tx -> {
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            for (Bundle.BundleEntryComponent e : tx.getEntry()) {
                String key = e.getRequest().getUrl();
                boolean isNew = stored.add(key);
                response.addEntry().getResponse().setStatus(isNew ? "201 Created" : "200 OK")
                        .setLocation(e.getResource().fhirType() + "/" + Math.abs(key.hashCode()) + "/_history/1");
            }
            return Xml130Loader.Answer.accepted(response);
        };
        PractitionerDirectory directory = l -> Optional.of("bs-le-van-cuong");
        Xml130Loader loader = new Xml130Loader(new Xml130EpisodeMapper(Xml130Catalogues.shipped(), directory), server);
        Xml130Episode episode = Xml130TestFiles.read("envelope-3-episodes.xml").get(1);

        assertThat(loader.load(episode).status()).isEqualTo(Xml130Report.Status.LOADED);
        assertThat(loader.load(episode).status()).isEqualTo(Xml130Report.Status.UPDATED);

        Xml130Loader refusing = new Xml130Loader(new Xml130EpisodeMapper(Xml130Catalogues.shipped(), directory), tx -> {
            OperationOutcome oo = new OperationOutcome();
            oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setDiagnostics("Ngày sinh khác hồ sơ đang lưu")
                    .setExpression(List.of(new StringType("Bundle.entry[0].resource.birthDate")));
            return Xml130Loader.Answer.refused(oo, "HTTP 409");
        });
        Xml130Report.EpisodeOutcome refused = refusing.load(episode);
        assertThat(refused.status()).isEqualTo(Xml130Report.Status.REFUSED);
        assertThat(refused.problems()).extracting(Xml130Problem::toString)
                .containsExactly("XML1 STT 2: Ngày sinh khác hồ sơ đang lưu [birthDate]");
    }
}
