package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code Patient/$summary} (issue 6 target: p95 ≤ 300 ms for a citizen with 200 resources) and
 * {@code Patient/$everything} of the same citizens (issue 8 target: p95 ≤ 400 ms), on the
 * {@link SummaryDataSetup} data set, with the access rules on. Each virtual user (closed model,
 * {@code nhr.benchmark.users} in flight, default 4) sends: the summary of a random citizen as Bạch Mai's
 * EMR system (which wrote the record), the demo citizen's own summary with the Sổ Sức khỏe app's token,
 * and the whole record ($everything, its first page: 200 entries, the server's largest page) of a random
 * citizen as Bạch Mai. Each answer is
 * checked (a document Bundle; all 200 resources in $everything). {@code nhr.benchmark.warmup} seconds
 * (default 30) of the same mix come first and are reported apart; then {@code nhr.benchmark.seconds}
 * (default 90) are measured.
 */
public class SummarySimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int USERS = Integer.getInteger("nhr.benchmark.users", 4);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.warmup", 30));
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.seconds", 90));
    private static final Path DATA = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/summary-benchmark"));

    private static final Supplier<String> BACH_MAI = BenchmarkTokens.refreshing(BenchmarkTokens::bachMaiEmr);
    private static final Supplier<String> CITIZEN_AN = BenchmarkTokens.refreshing(BenchmarkTokens::citizenAn);

    private final FeederBuilder<String> citizens = BenchmarkFeeders.random(DATA, "citizen", "SummaryDataSetup");
    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json").shareConnections();

    private ScenarioBuilder mix(String scenario, String prefix) {
        return scenario(scenario).exec(feed(citizens), exec(
                http(prefix + "$summary (Bạch Mai EMR)").get("/Patient/#{citizen}/$summary")
                        .header("Authorization", session -> "Bearer " + BACH_MAI.get())
                        .check(status().is(200), jsonPath("$.type").is("document")),
                http(prefix + "$summary (citizen, own record)").get("/Patient/nguyen-van-an/$summary")
                        .header("Authorization", session -> "Bearer " + CITIZEN_AN.get())
                        .check(status().is(200), jsonPath("$.type").is("document")),
                http(prefix + "$everything (Bạch Mai EMR)").get("/Patient/#{citizen}/$everything?_count=200")
                        .header("Authorization", session -> "Bearer " + BACH_MAI.get())
                        .check(status().is(200), jsonPath("$.entry[*]").count()
                                .gte(SummaryDataSetup.RESOURCES_PER_CITIZEN))));
    }

    {
        var populations = MeasuredPhases.closed(this::mix, "summary", USERS, WARM_UP, PHASE);
        setUp(populations)
                .protocols(protocol)
                .maxDuration(WARM_UP.plus(PHASE).plusSeconds(30))
                .assertions(forAll().failedRequests().percent().is(0.0));
    }
}
