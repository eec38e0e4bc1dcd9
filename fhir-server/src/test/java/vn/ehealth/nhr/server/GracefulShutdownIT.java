package vn.ehealth.nhr.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an operator runs it: the packaged jar in its own process, stopped with SIGTERM
 * (what Ctrl-C, systemd and Kubernetes send). A request in flight when the signal arrives still
 * completes, and the data folder opens cleanly at the next start with everything in it.
 */
class GracefulShutdownIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final int PATIENTS_IN_FLIGHT = 1000;

    @Test
    void aTransactionInFlightAtSigtermCompletesAndEverythingIsThereAfterRestart(@TempDir Path dataDir) throws Exception {
        String family = "Lý" + Long.toString(System.nanoTime(), 36);
        Bundle bigTransaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < PATIENTS_IN_FLIGHT; i++) {
            bigTransaction.addEntry().setResource(TestCitizens.man(family, "Công Uẩn", 1974))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }

        byte[] body = FHIR.newJsonParser().encodeResourceToString(bigTransaction).getBytes(StandardCharsets.UTF_8);

        int port = freePort();
        Process server = start(dataDir, port, dataDir.resolve("first.log"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata")).build(),
                HttpResponse.BodyHandlers.discarding()); // warm connection and server before the real request
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                        .header("Content-Type", "application/fhir+json").timeout(Duration.ofSeconds(180))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000); // the transaction is now being processed
        server.destroy();   // SIGTERM

        HttpResponse<String> raw = inFlight.get(180, TimeUnit.SECONDS);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        Bundle response = FHIR.newJsonParser().parseResource(Bundle.class, raw.body());
        assertThat(response.getEntry()).hasSize(PATIENTS_IN_FLIGHT)
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("server stopped after finishing the request").isTrue();
        assertThat(Files.readString(dataDir.resolve("first.log"))).contains("Commencing graceful shutdown");

        Process again = start(dataDir, port, dataDir.resolve("second.log"));
        try {
            Bundle found = client(port).search().forResource(Patient.class)
                    .where(Patient.FAMILY.matchesExactly().value(family)).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                    .returnBundle(Bundle.class).execute();
            assertThat(found.getTotal()).isEqualTo(PATIENTS_IN_FLIGHT);
        } finally {
            again.destroy();
            again.waitFor(90, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path dataDir, int port, Path log) throws IOException, InterruptedException {
        Path jar = Path.of("target", "nhr-fhir-server.jar");
        assertThat(jar).as("packaged server jar (built in the package phase)").exists();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString(),
                "--server.port=" + port, "--management.server.port=0", "--nhr.db.url=", "--nhr.data-dir=" + dataDir,
                // what is proven is that the request in flight completes, not how long the default budget (30 s) is:
                // on a loaded 2-core build machine the 1,000-entry transaction has outlasted 30 s
                "--spring.lifecycle.timeout-per-shutdown-phase=150s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains("NHR FHIR server ready")) {
                return p;
            }
            if (!p.isAlive()) {
                throw new AssertionError("server exited during start-up:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        p.destroyForcibly();
        throw new AssertionError("server not ready within 180 s:\n" + Files.readString(log));
    }

    private static IGenericClient client(int port) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        return FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
