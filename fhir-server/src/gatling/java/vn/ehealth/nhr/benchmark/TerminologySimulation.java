package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Latency of the public terminology operations on the shipped catalogues (issue 4 targets after
 * warm-up: $lookup and $validate-code p95 ≤ 5 ms, $expand with a filter over ICD-10 p95 ≤ 50 ms).
 * Runs against a server started separately; bounded in time; loopback only.
 * System properties: nhr.benchmark.url (FHIR base), nhr.benchmark.users (concurrent clients, default 4),
 * nhr.benchmark.seconds (per phase, default 60).
 */
public class TerminologySimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int USERS = Integer.getInteger("nhr.benchmark.users", 4);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.seconds", 60));
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    /** Real codes across chapters, and the ways hospitals spell them. */
    private static final FeederBuilder<Object> CODES = listFeeder(List.of(
            Map.<String, Object>of("code", "A09.0"), Map.of("code", "E11.2"), Map.of("code", "I10"),
            Map.of("code", "J18.9"), Map.of("code", "K35.8"), Map.of("code", "O80.0"), Map.of("code", "N40"),
            Map.of("code", "C34.9"), Map.of("code", "B20"), Map.of("code", "A090"), Map.of("code", "S72.0"),
            Map.of("code", "Z00.0"))).circular();

    /** Typical typeahead fragments, unaccented as people type them. */
    private static final FeederBuilder<Object> FILTERS = listFeeder(List.of(
            Map.<String, Object>of("filter", "dai thao duong"), Map.of("filter", "tang huyet ap"),
            Map.of("filter", "viem phoi"), Map.of("filter", "gay xuong"), Map.of("filter", "viem gan"),
            Map.of("filter", "lao phoi"), Map.of("filter", "sot xuat huyet"))).circular();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json")
            .shareConnections();

    private final ChainBuilder lookup = exec(feed(CODES), http("$lookup ICD-10")
            .get("/CodeSystem/$lookup").queryParam("system", ICD10).queryParam("code", "#{code}")
            .check(status().is(200), jsonPath("$.parameter[?(@.name=='display')].valueString").exists()));

    private final ChainBuilder validate = exec(feed(CODES), http("$validate-code ICD-10")
            .get("/CodeSystem/$validate-code").queryParam("url", ICD10).queryParam("code", "#{code}")
            .check(status().is(200)));

    private final ChainBuilder expand = exec(feed(FILTERS), http("$expand ICD-10 filter")
            .get("/ValueSet/$expand").queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-icd10")
            .queryParam("filter", "#{filter}")
            .check(status().is(200), jsonPath("$.expansion.contains[0].code").exists()));

    /** A closed-model pause: no user in flight for that long. */
    private static io.gatling.javaapi.core.ClosedInjectionStep idle(Duration d) {
        return constantConcurrentUsers(0).during(d);
    }

    private static ChainBuilder feed(FeederBuilder<Object> feeder) {
        return io.gatling.javaapi.core.CoreDsl.feed(feeder);
    }

    private final ScenarioBuilder lookups = scenario("lookup").exec(lookup);
    private final ScenarioBuilder validations = scenario("validate-code").exec(validate);
    private final ScenarioBuilder expansions = scenario("expand").exec(expand);

    {
        // One operation at a time, after a warm-up phase of the same operation mix. Closed model: each
        // virtual user sends one request, and USERS of them are kept in flight for the whole phase.
        ScenarioBuilder warmUp = scenario("warm-up").exec(lookup, validate, expand);
        setUp(
                warmUp.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(20))),
                lookups.injectClosed(idle(Duration.ofSeconds(21)), constantConcurrentUsers(USERS).during(PHASE)),
                validations.injectClosed(idle(Duration.ofSeconds(22).plus(PHASE)),
                        constantConcurrentUsers(USERS).during(PHASE)),
                expansions.injectClosed(idle(Duration.ofSeconds(23).plus(PHASE.multipliedBy(2))),
                        constantConcurrentUsers(USERS).during(PHASE)))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(30).plus(PHASE.multipliedBy(3)))
                .assertions(details("$lookup ICD-10").failedRequests().percent().is(0.0),
                        details("$validate-code ICD-10").failedRequests().percent().is(0.0),
                        details("$expand ICD-10 filter").failedRequests().percent().is(0.0));
    }
}
