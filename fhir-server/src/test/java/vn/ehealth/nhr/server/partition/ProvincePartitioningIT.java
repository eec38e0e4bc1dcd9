package vn.ehealth.nhr.server.partition;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.NhrServerApplication;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestDatabase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.allPages;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.episode;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * A store started with {@code NHR_PARTITIONING_MODE=PROVINCE} (ADR 18), on a database of its own:
 * each citizen's record lands in the partition of the province coded in the CCCD, the directory in
 * the default partition, and a user notices nothing else — reads, searches by CCCD, {@code $everything},
 * one Patient per CCCD and the consent rules behave as without partitions.
 */
class ProvincePartitioningIT {

    private static final String HANOI = "001";
    private static final String HO_CHI_MINH = "079";

    private static ConfigurableApplicationContext server;
    private static TestDatabase.Database db;
    private static int port;

    @BeforeAll
    static void startPartitionedServer() throws Exception {
        db = TestDatabase.another();
        server = SpringApplication.run(NhrServerApplication.class,
                "--server.port=0", "--management.server.port=0",
                "--nhr.db.url=" + db.url(), "--nhr.db.username=" + db.username(),
                "--nhr.db.password=" + (db.password() == null ? "" : db.password()),
                "--nhr.data-dir=" + Files.createTempDirectory("nhr-it-partitioned"),
                "--nhr.security.issuer-uri=" + KeycloakTestServer.get().issuer(),
                "--nhr.security.pseudonym-key=integration-test-pseudonym-key",
                "--nhr.subscriptions.insecure-http-hosts=127.0.0.1",
                "--nhr.partitioning.mode=PROVINCE");
        port = ((WebServerApplicationContext) server).getWebServer().getPort();
        pointRestAssuredHere();
        // the facilities and their doctors, as in the guide: shared directory entries
        for (String file : new String[] {"Organization-bv-bach-mai.json", "Organization-bv-cho-ray.json",
                "Practitioner-bs-le-van-cuong.json", "Practitioner-bs-pham-thi-dung.json"}) {
            IBaseResource r = RecordFixtures.example(IBaseResource.class, file);
            asAdmin().body(json(r)).put("/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .then().statusCode(oneOf(200, 201));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void pointAtThisServer() {
        pointRestAssuredHere(); // other ITs in this JVM point RestAssured at their own server
    }

    private static void pointRestAssuredHere() {
        RestAssured.port = port;
        RestAssured.basePath = "/fhir";
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void citizensOfTwoProvincesLandInTheirProvincesPartitionsAndTheDirectoryInTheDefaultOne() throws SQLException {
        Stored hanoian = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, TestCitizens.man("Phạm", "Văn Hùng", 1972));
        Stored saigonese = postCitizenEpisode(TestTokens.choRayEmr(), CHO_RAY, TestCitizens.woman("Lý", "Thị Thu", 1991));

        assertThat(hanoian.cccd()).startsWith(HANOI);
        assertThat(saigonese.cccd()).startsWith(HO_CHI_MINH);
        for (String id : List.of(hanoian.patientId(), hanoian.encounterId(), hanoian.conditionId())) {
            assertThat(partitionOf(id)).as(id).isEqualTo(1);
        }
        for (String id : List.of(saigonese.patientId(), saigonese.encounterId(), saigonese.conditionId())) {
            assertThat(partitionOf(id)).as(id).isEqualTo(79);
        }
        assertThat(partitionOf("Organization/bv-bach-mai")).isZero();
        assertThat(partitionOf("Practitioner/bs-pham-thi-dung")).isZero();
    }

    @Test
    void readsSearchesByCccdAndEverythingFindTheRecordInItsPartition() {
        Stored citizen = postCitizenEpisode(TestTokens.choRayEmr(), CHO_RAY, TestCitizens.woman("Trịnh", "Thị Ngọc", 1984));

        asAdmin().get("/" + citizen.patientId()).then().statusCode(200);
        assertThat(allPages(TestTokens.administrator(), "/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + citizen.cccd()))
                .containsExactly(citizen.patientId());
        assertThat(allPages(TestTokens.choRayEmr(), "/Encounter?patient=" + citizen.patientId()))
                .containsExactly(citizen.encounterId());
        assertThat(allPages(TestTokens.choRayEmr(), "/" + citizen.patientId() + "/$everything"))
                .contains(citizen.patientId(), citizen.encounterId(), citizen.conditionId());
    }

    @Test
    void aSecondTransactionWithTheSameCccdAddsToTheCitizensOnePatient() throws SQLException {
        Patient first = TestCitizens.man("Đặng", "Quốc Bảo", 1969);
        Stored visit = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, first);

        Patient again = TestCitizens.man("Đặng", "Quốc Bảo", 1969);
        again.getIdentifierFirstRep().setValue(visit.cccd());
        Stored nextVisit = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, again);

        assertThat(nextVisit.patientId()).isEqualTo(visit.patientId());
        assertThat(allPages(TestTokens.administrator(), "/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + visit.cccd()))
                .containsExactly(visit.patientId());
        assertThat(partitionOf(nextVisit.encounterId())).isEqualTo(1);

        // a record that names its citizen by a conditional reference on the CCCD lands beside the others
        Bundle byCccd = episode(BACH_MAI, "placeholder", null, "K29.7");
        String conditional = "Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + visit.cccd();
        for (Bundle.BundleEntryComponent entry : byCccd.getEntry()) {
            if (entry.getResource() instanceof Encounter e) {
                e.setSubject(new Reference(conditional));
            } else if (entry.getResource() instanceof Condition c) {
                c.setSubject(new Reference(conditional));
            }
        }
        Bundle answer = parse(Bundle.class, given(TestTokens.bachMaiEmr()).body(json(byCccd)).post("/")
                .then().statusCode(200).extract().response());
        String encounterId = idOf(answer.getEntry().get(0).getResponse().getLocation());
        assertThat(partitionOf(encounterId)).isEqualTo(1);
        assertThat(asAdmin().get("/" + encounterId).then().statusCode(200).extract().path("subject.reference").toString())
                .isEqualTo(visit.patientId());
    }

    @Test
    void aFacilityStillNeedsTheCitizensConsentToReadARecordOfAnotherProvince() throws SQLException {
        Stored visit = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, TestCitizens.man("Ngô", "Minh Tuấn", 1980));

        given(TestTokens.bachMaiEmr()).get("/" + visit.encounterId()).then().statusCode(200);
        given(TestTokens.choRayEmr()).get("/" + visit.encounterId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", org.hamcrest.Matchers.equalTo("nhr-consent-none-applicable"));

        // the citizen's Consent is part of their record: it lands in their province and is found from there
        Response permitted = given(TestTokens.bachMaiEmr()).body(json(consent(new IdType(visit.patientId()).getIdPart(),
                Consent.ConsentProvisionType.PERMIT, CHO_RAY, "encounters", true))).post("/Consent");
        permitted.then().statusCode(201);
        assertThat(partitionOf("Consent/" + new IdType(permitted.header("Location")).getIdPart())).isEqualTo(1);
        given(TestTokens.choRayEmr()).get("/" + visit.encounterId()).then().statusCode(200);
    }

    @Test
    void aSubscriptionInTheDefaultPartitionIsToldOfARecordInAProvincesPartition() throws Exception {
        Stored visit = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, TestCitizens.man("Lê", "Hoàng Phúc", 1958));
        List<String> notified = new CopyOnWriteArrayList<>();
        HttpServer emr = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        emr.createContext("/", exchange -> {
            notified.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        emr.start();
        try {
            Subscription s = new Subscription();
            s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
            s.setReason("Bệnh viện Bạch Mai theo dõi lượt khám của bệnh nhân");
            s.setCriteria("Encounter?patient=" + visit.patientId());
            s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
                    .setEndpoint("http://127.0.0.1:" + emr.getAddress().getPort() + "/emr/hook");
            Response created = given(TestTokens.bachMaiEmr()).body(json(s)).post("/Subscription");
            created.then().statusCode(201);
            String subscriptionId = "Subscription/" + new IdType(created.header("Location")).getIdPart();
            assertThat(partitionOf(subscriptionId)).isZero();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(parse(Subscription.class, given(TestTokens.bachMaiEmr()).get("/" + subscriptionId)).getStatus())
                            .isEqualTo(Subscription.SubscriptionStatus.ACTIVE));

            Patient again = TestCitizens.man("Lê", "Hoàng Phúc", 1958);
            again.getIdentifierFirstRep().setValue(visit.cccd());
            Stored nextVisit = postCitizenEpisode(TestTokens.bachMaiEmr(), BACH_MAI, again);

            assertThat(partitionOf(nextVisit.encounterId())).isEqualTo(1);
            await().atMost(Duration.ofSeconds(40)).until(() -> notified.stream().anyMatch(p -> p.endsWith("/" + nextVisit.encounterId())));
        } finally {
            emr.stop(0);
        }
    }

    @Test
    void theSyntheticPopulationLoadsOneTransactionPerCitizenEachWhollyInItsProvince(@TempDir Path folder) throws Exception {
        assertThat(NhrLoadCommand.run("synthetic-population", "--no-progress", "--citizens", "6", "--seed", "1801",
                "--as-of", LocalDate.now().toString(), "--out", folder.toString())).isZero();
        assertThat(NhrLoadCommand.run("resources", "--no-progress", "--server", "http://localhost:" + port + "/fhir",
                "--token", TestTokens.administrator(), folder.toString())).as("every generated file accepted").isZero();

        List<Path> citizens;
        try (var files = Files.list(folder)) {
            citizens = files.filter(f -> f.getFileName().toString().startsWith("citizen-")).sorted().toList();
        }
        assertThat(citizens).hasSize(6);
        for (Path file : citizens) {
            Bundle tx = RecordFixtures.FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
            String cccd = TestCitizens.cccdOf((Patient) tx.getEntryFirstRep().getResource());
            List<String> found = allPages(TestTokens.administrator(), "/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd);
            assertThat(found).as(cccd).hasSize(1);
            String patientId = found.get(0);
            int province = Integer.parseInt(cccd.substring(0, 3));
            assertThat(partitionOf(patientId)).as("%s of CCCD %s", patientId, cccd).isEqualTo(province);
            // every record that names the citizen (their visits, diagnoses, results, doses, prescriptions…) sits beside them
            assertThat(recordsOfPatientByPartition(new IdType(patientId).getIdPart()))
                    .as("records of %s by partition", patientId).containsOnlyKeys(province);
        }
    }

    /** Partition → how many stored resources (not the access log) reference the Patient. */
    private static Map<Integer, Integer> recordsOfPatientByPartition(String patientId) throws SQLException {
        Map<Integer, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement q = c.prepareStatement("""
                     select s.partition_id, count(distinct s.res_id) from hfj_res_link l
                       join hfj_resource s on s.res_id = l.src_resource_id
                       join hfj_resource t on t.res_id = l.target_resource_id
                      where t.res_type = 'Patient' and t.fhir_id = ? and s.res_type not in ('AuditEvent', 'Provenance')
                      group by s.partition_id""")) {
            q.setString(1, patientId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getInt(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** What one citizen's transaction stored, as {@code Type/id}. */
    private record Stored(String cccd, String patientId, String encounterId, String conditionId) {
    }

    /** A visit with one diagnosis and the citizen's Patient, created unless one with the CCCD is on file. */
    private static Stored postCitizenEpisode(String token, String facility, Patient citizen) {
        String cccd = TestCitizens.cccdOf(citizen);
        Bundle tx = episode(facility, null, citizen, "J20.9");
        tx.getEntryFirstRep().getRequest().setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd);
        Bundle answer = parse(Bundle.class, given(token).body(json(tx)).post("/").then().statusCode(200).extract().response());
        return new Stored(cccd, idOf(answer.getEntry().get(0).getResponse().getLocation()),
                idOf(answer.getEntry().get(1).getResponse().getLocation()),
                idOf(answer.getEntry().get(2).getResponse().getLocation()));
    }

    private static String idOf(String location) {
        return new IdType(location).toUnqualifiedVersionless().getValue();
    }

    /** {@code hfj_resource.partition_id} of a stored resource (0: the default partition). */
    private static Integer partitionOf(String typeAndId) throws SQLException {
        IdType id = new IdType(typeAndId);
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
             PreparedStatement q = c.prepareStatement("select partition_id from hfj_resource where res_type = ? and fhir_id = ?")) {
            q.setString(1, id.getResourceType());
            q.setString(2, id.getIdPart());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("%s is stored", typeAndId).isTrue();
                int partition = rs.getInt(1);
                return rs.wasNull() ? null : partition;
            }
        }
    }
}
