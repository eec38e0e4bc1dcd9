package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Price of the consent rules on reads (issue 5: overhead ≤ 15 % at p95). Chợ Rẫy's EMR system
 * (facility 79001) reads the records of the {@link ConsentDataSetup} data set, which Bạch Mai wrote:
 * half the citizens permit Chợ Rẫy, half do not (Chợ Rẫy then sees only what it wrote itself). Run the
 * same simulation on the same database against the same jar twice, with {@code
 * NHR_SECURITY_ACCESS_RULES_ENABLED} true and false (and {@code NHR_AUDIT_ENABLED=false} both times,
 * so only the rules differ); the ratio of the p95s is the price of the rules.
 *
 * <p>Each virtual user (closed model: {@code nhr.benchmark.users} of them in flight, default 4) picks
 * one consented and one unconsented citizen at random and sends eight reads: {@code Encounter?patient=},
 * {@code Condition?patient=}, {@code Patient/<id>} and {@code Encounter?patient=&_include=Encounter:patient},
 * for each. A read of an unconsented citizen's Patient answers 403 with the rules on (200 off); both
 * count as answered, since what is measured is the time to the answer. {@code nhr.benchmark.warmup}
 * seconds (default 30) of the same mix come first and are reported apart (0: none); then
 * {@code nhr.benchmark.seconds} (default 90) are measured. Feeders from {@code nhr.benchmark.data}
 * (default fhir-server/target/consent-benchmark); tokens from {@code nhr.benchmark.token-url}.
 */
public class ConsentSearchSimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int USERS = Integer.getInteger("nhr.benchmark.users", 4);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.warmup", 30));
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.seconds", 90));
    private static final Path DATA = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/consent-benchmark"));

    private static final Supplier<String> CHO_RAY = BenchmarkTokens.refreshing(BenchmarkTokens::choRayEmr);

    private static FeederBuilder<String> feeder(String name) {
        return BenchmarkFeeders.random(DATA, name, "ConsentDataSetup");
    }

    private final FeederBuilder<String> consented = feeder("consented");
    private final FeederBuilder<String> unconsented = feeder("unconsented");

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json").shareConnections();

    private static HttpRequestActionBuilder read(String prefix, String name, String path) {
        return http(prefix + name).get(path).header("Authorization", session -> "Bearer " + CHO_RAY.get());
    }

    /** The four reads of one citizen; {@code column} names the feeder column holding the Patient id. */
    private static ChainBuilder reads(String prefix, String column, String label) {
        String patient = "Patient/#{" + column + "}";
        return exec(
                read(prefix, "Encounter?patient (" + label + ")", "/Encounter").queryParam("patient", patient)
                        .check(status().is(200)),
                read(prefix, "Condition?patient (" + label + ")", "/Condition").queryParam("patient", patient)
                        .check(status().is(200)),
                read(prefix, "Patient read (" + label + ")", "/" + patient)
                        .check(status().in(200, 403)),
                read(prefix, "Encounter?patient&_include (" + label + ")", "/Encounter").queryParam("patient", patient)
                        .queryParam("_include", "Encounter:patient").check(status().is(200)));
    }

    private ScenarioBuilder mix(String scenario, String prefix) {
        return scenario(scenario).exec(feed(consented), feed(unconsented),
                reads(prefix, "consented", "consented"), reads(prefix, "unconsented", "not consented"));
    }

    {
        // Closed model: each virtual user sends its eight reads and leaves; USERS of them are kept in flight.
        // With nhr.benchmark.warmup=0 the run has no warm-up phase: run the simulation once for warm-up and
        // once more to measure, so the measured report (and its "Global" line) holds only measured reads.
        var populations = MeasuredPhases.closed(this::mix, "reads", USERS, WARM_UP, PHASE);
        setUp(populations)
                .protocols(protocol)
                .maxDuration(WARM_UP.plus(PHASE).plusSeconds(15))
                .assertions(forAll().failedRequests().percent().is(0.0));
    }
}
