package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Cost of holding writes to the guide, over HTTP: each request creates a new citizen shaped like the
 * guide's Patient example (CCCD + BHYT, ethnic group, nationality, occupation, administrative
 * address), a unique CCCD per request. Run it once against a server with validation on and once with
 * {@code NHR_VALIDATION_ENABLED=false}; the ratio is the price of validation (issue 3), the seed of
 * issue 8's side-by-side figures. Properties as in TerminologySimulation, plus nhr.benchmark.first
 * (first CCCD serial, so runs on one database never collide).
 */
public class PatientWriteSimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int USERS = Integer.getInteger("nhr.benchmark.users", 4);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.seconds", 60));
    private static final AtomicLong SERIAL = new AtomicLong(Long.getLong("nhr.benchmark.first", 100_000L));

    private static final String CORE = "http://fhir.ehealth.gov.vn/core/StructureDefinition/";
    private static final String CS = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/";

    /** A man born in 1985, registered in Hà Nội: CCCD 0010 85 nnnnnn agrees with sex and birth year. */
    private static String patient(long serial) {
        String cccd = "001085" + String.format("%06d", serial % 1_000_000);
        return """
                {"resourceType":"Patient",
                 "extension":[
                  {"url":"%1$sextension-race","valueCodeableConcept":{"coding":[{"system":"%2$svn-ethnic-group","code":"01"}]}},
                  {"url":"%1$sextension-nationality","valueCodeableConcept":{"coding":[{"system":"urn:iso:std:iso:3166","code":"VN"}]}},
                  {"url":"%1$sextension-occupation","valueCodeableConcept":{"coding":[{"system":"%2$svn-occupation","code":"08"}]}}],
                 "identifier":[
                  {"system":"http://fhir.ehealth.gov.vn/core/sid/national_id","value":"%3$s"},
                  {"system":"http://fhir.ehealth.gov.vn/core/sid/insurance_number","value":"GD401%4$010d"}],
                 "name":[{"text":"Nguyễn Văn Thử %5$d","family":"Nguyễn","given":["Văn","Thử"]}],
                 "gender":"male","birthDate":"1985-04-12",
                 "address":[{"extension":[{"url":"%1$sextension-administrative-address","extension":[
                   {"url":"state","valueCodeableConcept":{"coding":[{"system":"%2$svn-administrative-units","code":"01"}]}},
                   {"url":"district","valueCodeableConcept":{"coding":[{"system":"%2$svn-administrative-units","code":"001"}]}},
                   {"url":"ward","valueCodeableConcept":{"coding":[{"system":"%2$svn-administrative-units","code":"00001"}]}}]}],
                  "text":"Phường Phúc Xá, quận Ba Đình, Hà Nội"}]}
                """.formatted(CORE, CS, cccd, serial, serial);
    }

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json")
            .contentTypeHeader("application/fhir+json; charset=UTF-8").shareConnections();

    private ChainBuilder create(String name) {
        return exec(session -> session.set("body", patient(SERIAL.incrementAndGet())))
                .exec(http(name).post("/Patient").body(StringBody("#{body}")).check(status().is(201)));
    }

    {
        ScenarioBuilder warmUp = scenario("warm-up").exec(create("warm-up"));
        ScenarioBuilder writes = scenario("writes").exec(create("create Patient"));
        setUp(
                warmUp.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(20))),
                writes.injectClosed(constantConcurrentUsers(0).during(Duration.ofSeconds(21)),
                        constantConcurrentUsers(USERS).during(PHASE)))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(30).plus(PHASE))
                .assertions(details("create Patient").failedRequests().percent().is(0.0));
    }
}
