package vn.ehealth.nhr.loaders.xml130;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.loaders.NhrLoadCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: a 200 MB envelope is read and mapped with a heap far smaller than the file. Both the
 * generator and {@code nhr-load xml130 --dry-run} run in a forked JVM capped at {@value #HEAP}, so
 * holding the envelope (or its DOM) in memory would end in OutOfMemoryError, not in a pass.
 */
class Xml130LargeEnvelopeTest {

    private static final String HEAP = "-Xmx128m";
    /** About 3.65 KB per generated episode: 58,000 of them make just over 200 MB. */
    private static final int EPISODES = 58_000;

    @Test
    void a200MbEnvelopeIsStreamedWithA128MbHeap(@TempDir Path dir) throws Exception {
        Path envelope = dir.resolve("giamdinhhs-200mb.xml");
        run(dir, "xml130-generate", "--episodes", Integer.toString(EPISODES), "--seed", "7", envelope.toString());
        assertThat(Files.size(envelope)).isGreaterThan(200L << 20);

        String report = run(dir, "xml130", "--dry-run", "--no-progress", "--lang=en", envelope.toString());

        assertThat(report).contains("giamdinhhs-200mb.xml: 0 loaded, 0 updated, 0 refused, " + EPISODES + " checked (dry run)")
                // above the signature-check limit: scanned as a stream, not verified
                .contains("CHUKYDONVI: no facility signature (it is optional)")
                .doesNotContain("OutOfMemoryError");
    }

    /** {@code nhr-load ARGS} in a JVM with a small heap; its output (fails the test if it fails). */
    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dir,
                "-cp", System.getProperty("java.class.path"), NhrLoadCommand.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("fork-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("ended within 150 s: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
