package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Issue 8 "ingest": the synthetic population ({@code nhr-load synthetic-population}) sent as one
 * transaction per citizen, followed by the discharge documents of their hospital stays, by
 * {@code nhr.benchmark.clients} concurrent EMR clients (default 4), each citizen once, as the
 * administrator (the synthetic facilities have no EMR client of their own). The file
 * {@code citizens.csv} in {@code nhr.benchmark.data} lists each citizen file, the number of resources
 * sending them stores and their documents' files (space-separated); the simulation stops when every
 * citizen is sent, and writes {@code ingest.txt} (resources stored, seconds, resources per second)
 * beside the feeder. Run by {@code population-benchmark.sh}.
 */
public class PopulationIngestSimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int CLIENTS = Integer.getInteger("nhr.benchmark.clients", 4);
    private static final Path DATA = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/population-benchmark"));
    private static final Supplier<String> ADMIN = BenchmarkTokens.refreshing(BenchmarkTokens::administrator);
    private static final AtomicLong STORED = new AtomicLong();
    private long started;

    /** Each citizen file and its number of resources, from the feeder file; sent once each, in order. */
    private static final List<String[]> CITIZENS = citizens();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private static List<String[]> citizens() {
        Path file = DATA.resolve("citizens.csv").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run population-benchmark.sh");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json")
            .contentTypeHeader("application/fhir+json; charset=UTF-8").shareConnections();

    // Each client takes the next citizen until none is left (a queue feeder would end the run as a crash, without a report),
    // sends their transaction, then the discharge papers of their hospital stays, in order (a paper names the stay's
    // citizen by CCCD: after the transaction it joins their record instead of creating it).
    private final ScenarioBuilder ingest = scenario("ingest").asLongAs(session -> NEXT.get() < CITIZENS.size()).on(
            exec(session -> {
                int i = NEXT.getAndIncrement();
                if (i >= CITIZENS.size()) {
                    return session.set("send", false);
                }
                String[] row = CITIZENS.get(i);
                List<String> papers = row.length > 2 && !row[2].isBlank() ? List.of(row[2].split(" ")) : List.of();
                return session.set("file", row[0]).set("resources", row[1]).set("papers", papers).set("send", true);
            }).doIf("#{send}").then(exec(
                    http("citizen transaction").post("/").header("Authorization", session -> "Bearer " + ADMIN.get())
                            .header("Prefer", "return=minimal")
                            .body(StringBody(session -> read(session.getString("file")))).check(status().is(200)),
                    foreach("#{papers}", "paper").on(
                            http("discharge document").post("/Bundle").header("Authorization", session -> "Bearer " + ADMIN.get())
                                    .header("Prefer", "return=minimal")
                                    .body(StringBody(session -> read(session.getString("paper")))).check(status().is(201))),
                    exec(session -> {
                        if (!session.isFailed()) {
                            STORED.addAndGet(Long.parseLong(session.getString("resources")));
                        }
                        // a failed check marks the whole session: clear it, or no later citizen of this client is counted
                        return session.markAsSucceeded();
                    }))));

    {
        setUp(ingest.injectOpen(atOnceUsers(CLIENTS))).protocols(protocol).maxDuration(Duration.ofHours(6));
    }

    @Override
    public void before() {
        started = System.nanoTime();
    }

    @Override
    public void after() {
        double seconds = (System.nanoTime() - started) / 1e9;
        String line = String.format("clients %d: %d resources stored in %.1f s = %.1f resources/s%n", CLIENTS, STORED.get(),
                seconds, STORED.get() / seconds);
        System.out.print(line);
        try {
            Files.writeString(DATA.resolve("ingest.txt"), line, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
