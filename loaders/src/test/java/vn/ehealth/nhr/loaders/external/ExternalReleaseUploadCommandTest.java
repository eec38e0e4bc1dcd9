package vn.ehealth.nhr.loaders.external;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** File collection and dry runs of {@code snomed} and {@code loinc} on the synthetic release fixtures. */
class ExternalReleaseUploadCommandTest {

    private static final String RF2 = "SnomedCT_SyntheticTestRF2_PRODUCTION_20240101T120000Z/";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    static Path fixture(String name) {
        try {
            return Path.of(ExternalReleaseUploadCommandTest.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of a fixture folder, to break it. */
    private Path copyOf(String name) throws IOException {
        Path from = fixture(name);
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }

    private Path zipOf(Path folder, String zipName) throws IOException {
        Path zip = dir.resolve(zipName);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return zip;
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void snomedFolderYieldsExactlyTheThreeFullFilesHapiReads() throws Exception {
        Path release = copyOf("snomed-rf2");
        // Snapshot files and other RF2 files are not read by HAPI, so they are not sent.
        Files.createDirectories(release.resolve(RF2 + "Snapshot/Terminology"));
        Files.writeString(release.resolve(RF2 + "Snapshot/Terminology/sct2_Concept_Snapshot_INT_20240101.txt"), "id\n");
        Files.writeString(release.resolve(RF2 + "Full/Terminology/sct2_StatedRelationship_Full_INT_20240101.txt"), "id\n");

        ReleaseFiles files = ReleaseFiles.collect(release, ReleaseSpec.SNOMED_CT);

        assertThat(files.problems()).isEmpty();
        assertThat(files.wanted()).containsExactly(
                RF2 + "Full/Terminology/sct2_Concept_Full_INT_20240101.txt",
                RF2 + "Full/Terminology/sct2_Description_Full-en_INT_20240101.txt",
                RF2 + "Full/Terminology/sct2_Relationship_Full_INT_20240101.txt");
        assertThat(entries(files.toZip())).containsExactlyElementsOf(files.wanted());
    }

    @Test
    void snomedZipIsReadLikeTheFolder() throws Exception {
        Path zip = zipOf(fixture("snomed-rf2"), "SnomedCT_Synthetic.zip");

        ReleaseFiles files = ReleaseFiles.collect(zip, ReleaseSpec.SNOMED_CT);

        assertThat(files.problems()).isEmpty();
        assertThat(files.wanted()).hasSize(3);
        assertThat(entries(files.toZip())).containsExactlyElementsOf(files.wanted());
    }

    @Test
    void dryRunOfACompleteSnomedReleaseSendsNothingAndSucceeds() {
        int code = run(new SnomedLoadCommand(), fixture("snomed-rf2").toString(), "--dry-run",
                "--server", "http://127.0.0.1:1/fhir");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("found: " + RF2 + "Full/Terminology/sct2_Relationship_Full_INT_20240101.txt")
                .contains("dry run:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dryRunNamesTheMissingRelationshipFileAndFails() throws Exception {
        Path release = copyOf("snomed-rf2");
        Files.delete(release.resolve(RF2 + "Full/Terminology/sct2_Relationship_Full_INT_20240101.txt"));

        int code = run(new SnomedLoadCommand(), release.toString(), "--dry-run");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(release + ": missing Terminology/sct2_Relationship_Full"
                + " (required by HAPI's SNOMED CT loader)");
    }

    @Test
    void aMissingFileStopsARealRunBeforeAnythingIsSent() throws Exception {
        Path release = copyOf("snomed-rf2");
        Files.delete(release.resolve(RF2 + "Full/Terminology/sct2_Concept_Full_INT_20240101.txt"));

        // No server listens on port 1: reaching the upload would fail differently.
        int code = run(new SnomedLoadCommand(), release.toString(), "--server", "http://127.0.0.1:1/fhir");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("missing Terminology/sct2_Concept_Full_").doesNotContain("cannot reach");
    }

    @Test
    void loincFixtureHoldsEveryFileHapiRequires() {
        int code = run(new LoincLoadCommand(), fixture("loinc").toString(), "--dry-run");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("found: Loinc_SyntheticTest/loinc.xml")
                .contains("found: Loinc_SyntheticTest/LoincTable/Loinc.csv")
                .doesNotContain("README-SYNTHETIC");
    }

    @Test
    void loincWithoutPartLinkFilesOrLoincXmlReportsBoth() throws Exception {
        Path release = copyOf("loinc");
        Files.delete(release.resolve("Loinc_SyntheticTest/AccessoryFiles/PartFile/LoincPartLink_Supplementary.csv"));
        Files.delete(release.resolve("Loinc_SyntheticTest/loinc.xml"));

        int code = run(new LoincLoadCommand(), zipOf(release, "Loinc.zip").toString(), "--dry-run");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                dir.resolve("Loinc.zip") + ": missing loinc.xml (required by HAPI's LOINC loader)",
                dir.resolve("Loinc.zip") + ": missing AccessoryFiles/PartFile/LoincPartLink_Primary.csv"
                        + " + AccessoryFiles/PartFile/LoincPartLink_Supplementary.csv"
                        + " or AccessoryFiles/PartFile/LoincPartLink.csv (required by HAPI's LOINC loader)");
    }

    @Test
    void anUnreadablePathIsOneProblemLine() {
        int code = run(new SnomedLoadCommand(), dir.resolve("no-such.zip").toString(), "--dry-run");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(dir.resolve("no-such.zip") + ": cannot be read: no such file or folder");
    }

    @Test
    void anUnreachableServerIsReportedNotThrown() {
        int code = run(new SnomedLoadCommand(), fixture("snomed-rf2").toString(), "--server", "http://127.0.0.1:1/fhir");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:1/fhir");
    }
}
