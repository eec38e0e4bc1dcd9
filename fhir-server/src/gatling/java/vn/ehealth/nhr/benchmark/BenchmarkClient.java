package vn.ehealth.nhr.benchmark;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import vn.ehealth.nhr.server.support.RecordFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plain HTTP client the benchmarks' data set-ups write with: every write goes through the server
 * (profiles, write rules) exactly as an EMR system's would. Base URL from {@code nhr.benchmark.url}.
 */
final class BenchmarkClient {

    static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private BenchmarkClient() {
    }

    /** PUTs the guide's directory examples (the two hospitals and their doctors), as the administrator. */
    static void putDirectory(Supplier<String> admin, String... extraExamples) {
        List<String> files = new ArrayList<>(List.of("Organization-bv-bach-mai.json", "Organization-bv-cho-ray.json",
                "Practitioner-bs-le-van-cuong.json", "Practitioner-bs-pham-thi-dung.json"));
        files.addAll(List.of(extraExamples));
        for (String file : files) {
            var r = RecordFixtures.example(org.hl7.fhir.instance.model.api.IBaseResource.class, file);
            send(admin, "PUT", "/" + r.fhirType() + "/" + r.getIdElement().getIdPart(), RecordFixtures.json(r), 200, 201);
        }
    }

    /** Posts a transaction; returns the server's response Bundle. */
    static Bundle transaction(Supplier<String> token, Bundle tx) {
        String body = send(token, "POST", "/", RecordFixtures.json(tx), 200);
        return RecordFixtures.FHIR.newJsonParser().parseResource(Bundle.class, body);
    }

    /** The id of the resource a transaction response's entry {@code entry} created. */
    static String locationId(Bundle response, int entry) {
        return new IdType(response.getEntry().get(entry).getResponse().getLocation()).getIdPart();
    }

    /** Sends a request; retries twice on a 5xx or a broken connection; fails on any other unexpected status. */
    static String send(Supplier<String> token, String method, String path, String body, int... expected) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/fhir+json; charset=UTF-8").header("Accept", "application/fhir+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                for (int status : expected) {
                    if (response.statusCode() == status) {
                        return response.body();
                    }
                }
                if (response.statusCode() < 500 || attempt == 3) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException(method + " " + path, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A one-column CSV (a Gatling feeder). */
    static void writeFeeder(Path dir, String column, List<String> values) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(column);
        lines.addAll(values);
        Files.write(dir.resolve(column + ".csv"), lines, StandardCharsets.UTF_8);
    }
}
