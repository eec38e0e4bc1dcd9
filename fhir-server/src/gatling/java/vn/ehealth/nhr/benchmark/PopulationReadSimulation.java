package vn.ehealth.nhr.benchmark;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Issue 8 "read mix" on an ingested synthetic population (feeders of {@link PopulationReadSetup}). Each
 * virtual user (closed model, {@code nhr.benchmark.users} in flight, default 8) takes one citizen who
 * consented to Bạch Mai and one who did not, and sends, each request named for its own line of the report:
 * <ul>
 * <li>as the citizen Nguyễn Văn An (Sổ Sức khỏe app), on his own record: Patient by CCCD, Encounter by
 * patient and year, Immunization by patient, active MedicationRequests, {@code $everything}, {@code $summary};</li>
 * <li>as Dr Lê Văn Cường of Bạch Mai, the same six on the consenting citizen;</li>
 * <li>as the same doctor on the other citizen: Patient by CCCD and Encounter by patient (answered with
 * what the rules let through: nothing) and the Patient read, refused (403) when the access rules are on
 * ({@code nhr.benchmark.rules}, default true) and answered when they are off: any other answer is an error;</li>
 * <li>as the analyst: Conditions of an ICD-10 code among the Patients of a province (a chained search on
 * the de-identified data: {@code Condition?code=&subject:Patient.address-city=});</li>
 * <li>{@code ValueSet/$expand} of the ICD-10 value set with a typed filter, as the doctor.</li>
 * </ul>
 * {@code nhr.benchmark.warmup} seconds (default 30) of the same mix come first, reported apart; then
 * {@code nhr.benchmark.seconds} (default 90) are measured. Zero failed requests is asserted.
 */
public class PopulationReadSimulation extends Simulation {

    private static final String BASE = System.getProperty("nhr.benchmark.url", "http://localhost:8080/fhir");
    private static final int USERS = Integer.getInteger("nhr.benchmark.users", 8);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.warmup", 30));
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("nhr.benchmark.seconds", 90));
    private static final boolean RULES = Boolean.parseBoolean(System.getProperty("nhr.benchmark.rules", "true"));
    private static final Path DATA = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/population-benchmark"));
    private static final String CCCD = NhrIdentifierSystems.CITIZEN_ID + "|";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10|";

    private static final Supplier<String> CITIZEN_AN = BenchmarkTokens.refreshing(BenchmarkTokens::citizenAn);
    private static final Supplier<String> DOCTOR = BenchmarkTokens.refreshing(BenchmarkTokens::clinicianBachMai);
    private static final Supplier<String> ANALYST = BenchmarkTokens.refreshing(BenchmarkTokens::analyst);

    private static final FeederBuilder<Object> FILTERS = listFeeder(List.of(Map.<String, Object>of("filter", "tang huyet ap"),
            Map.of("filter", "viem phoi"), Map.of("filter", "dai thao duong"), Map.of("filter", "viem da day"))).circular();

    private static FeederBuilder<String> feeder(String name) {
        return BenchmarkFeeders.random(DATA, name, "PopulationReadSetup");
    }

    private final FeederBuilder<String> consented = feeder("consented");
    private final FeederBuilder<String> unconsented = feeder("unconsented");
    private final FeederBuilder<String> an = feeder("citizen-an");
    private final HttpProtocolBuilder protocol = http.baseUrl(BASE).acceptHeader("application/fhir+json").shareConnections();

    private static HttpRequestActionBuilder get(String name, Supplier<String> token, String path) {
        return http(name).get(path).header("Authorization", session -> "Bearer " + token.get());
    }

    /** The six reads of one citizen's record by one accessor; the session holds the citizen in {@code id, cccd, year}. */
    private static ChainBuilder record(String prefix, String who, Supplier<String> token) {
        String patient = "Patient/#{id}";
        return exec(
                get(prefix + "Patient?identifier=CCCD (" + who + ")", token, "/Patient").queryParam("identifier", CCCD + "#{cccd}")
                        .check(status().is(200), jsonPath("$.entry[0].resource.id").isEL("#{id}")),
                get(prefix + "Encounter?patient&date (" + who + ")", token, "/Encounter").queryParam("patient", patient)
                        .queryParam("date", "#{year}").check(status().is(200), jsonPath("$.resourceType").is("Bundle")),
                get(prefix + "Immunization?patient (" + who + ")", token, "/Immunization").queryParam("patient", patient)
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")),
                get(prefix + "MedicationRequest?patient&status=active (" + who + ")", token, "/MedicationRequest")
                        .queryParam("patient", patient).queryParam("status", "active")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")),
                get(prefix + "$everything (" + who + ")", token, "/" + patient + "/$everything?_count=200")
                        .check(status().is(200), jsonPath("$.entry[?(@.resource.resourceType=='Patient')]").exists()),
                get(prefix + "$summary (" + who + ")", token, "/" + patient + "/$summary")
                        .check(status().is(200), jsonPath("$.type").is("document")));
    }

    /** Bạch Mai's doctor on a citizen who gave Bạch Mai no consent. */
    private static ChainBuilder refused(String prefix) {
        String who = "clinician, no consent";
        return exec(
                get(prefix + "Patient?identifier=CCCD (" + who + ")", DOCTOR, "/Patient").queryParam("identifier", CCCD + "#{cccd}")
                        .check(status().is(200), jsonPath("$.entry[*]").count().is(RULES ? 0 : 1)),
                get(prefix + "Encounter?patient (" + who + ")", DOCTOR, "/Encounter").queryParam("patient", "Patient/#{id}")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")),
                get(prefix + "Patient read (" + who + ")", DOCTOR, "/Patient/#{id}").check(status().is(RULES ? 403 : 200)));
    }

    private static ChainBuilder analystAndTerminology(String prefix) {
        return exec(
                get(prefix + "Condition?code ICD-10 in a province (analyst)", ANALYST, "/Condition")
                        .queryParam("code", ICD10 + "#{icd}").queryParam("subject:Patient.address-city", "#{province}")
                        .queryParam("_count", "50").check(status().is(200), jsonPath("$.entry[0].resource.id").exists()),
                exec(feed(FILTERS)),
                get(prefix + "ValueSet/$expand filter (clinician)", DOCTOR, "/ValueSet/$expand")
                        .queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-icd10").queryParam("filter", "#{filter}")
                        .check(status().is(200), jsonPath("$.expansion.contains[0].code").exists()));
    }

    /** The feeders share their columns: each feed replaces the citizen the following reads are about. */
    private ScenarioBuilder mix(String scenario, String prefix) {
        return scenario(scenario).exec(
                feed(an), record(prefix, "citizen, own record", CITIZEN_AN),
                feed(consented), record(prefix, "clinician, consent", DOCTOR), analystAndTerminology(prefix),
                feed(unconsented), refused(prefix));
    }

    {
        setUp(MeasuredPhases.closed(this::mix, "read mix", USERS, WARM_UP, PHASE))
                .protocols(protocol)
                .maxDuration(WARM_UP.plus(PHASE).plusSeconds(60))
                .assertions(forAll().failedRequests().percent().is(0.0));
    }
}
