package vn.ehealth.nhr.server.consent;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.ehealth.nhr.server.NhrServerApplication;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestDatabase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Two replicas of the server on one PostgreSQL, as behind a load balancer: a Consent given or
 * withdrawn through one applies at once on the other, although the other had just cached the
 * citizen's Consents (kept 30 s, "none" 5 min, on its own). Without the replicas telling each other,
 * the withdrawn consent would still let Chợ Rẫy read through replica B.
 */
class ConsentCacheAcrossReplicasIT extends RunningServerTestBase {

    /** Far below the cache's own lifetimes (30 s and 5 min): only an announcement explains it. */
    private static final Duration ANNOUNCEMENT = Duration.ofSeconds(10);

    private static ConfigurableApplicationContext replicaB;
    private static int portB;

    @BeforeAll
    static void startReplicaB() throws Exception {
        TestDatabase.Database db = TestDatabase.get();
        replicaB = SpringApplication.run(NhrServerApplication.class,
                "--server.port=0", "--management.server.port=0",
                "--nhr.db.url=" + db.url(), "--nhr.db.username=" + db.username(),
                "--nhr.db.password=" + (db.password() == null ? "" : db.password()),
                "--nhr.data-dir=" + Files.createTempDirectory("nhr-it-replica-b"),
                "--nhr.security.issuer-uri=" + KeycloakTestServer.get().issuer(),
                "--nhr.security.pseudonym-key=integration-test-pseudonym-key");
        portB = ((WebServerApplicationContext) replicaB).getWebServer().getPort();
        PostgresEvictionBroadcast broadcast = replicaB.getBean(PostgresEvictionBroadcast.class);
        Instant until = Instant.now().plusSeconds(30);
        while (!broadcast.isListening() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(broadcast.isListening()).as("replica B listens on the PostgreSQL channel").isTrue();
    }

    @AfterAll
    static void stopReplicaB() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    private static RequestSpecification onB(String token) {
        return given(token).port(portB);
    }

    /** Polls replica B until the read answers {@code status}; the status it answered last. */
    private static int statusOnBWithin(String token, String path, int status) throws InterruptedException {
        Instant until = Instant.now().plus(ANNOUNCEMENT);
        int last;
        do {
            last = onB(token).get(path).statusCode();
            if (last == status) {
                return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(until));
        return last;
    }

    @Test
    void aConsentGivenAndWithdrawnThroughOneReplicaAppliesAtOnceOnTheOther() throws Exception {
        RecordFixtures.Episode visit = RecordFixtures.postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null,
                TestCitizens.woman("Đỗ", "Thị Lan", 1990), "J20.9");
        String bachMaisVisit = "/Encounter/" + visit.encounterId();

        // replica B: Chợ Rẫy may not read it, and B now remembers that the citizen shares nothing
        onB(TestTokens.choRayEmr()).get(bachMaisVisit).then().statusCode(403);

        // through replica A (RestAssured's default port): Bạch Mai records the citizen's signed consent for Chợ Rẫy
        var permitted = given(TestTokens.bachMaiEmr())
                .body(json(consent(visit.patientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "encounters", true)))
                .post("/Consent");
        permitted.then().statusCode(201);
        String consentId = new IdType(permitted.header("Location")).getIdPart();
        assertThat(statusOnBWithin(TestTokens.choRayEmr(), bachMaisVisit, 200)).as("B after the consent, within %s", ANNOUNCEMENT)
                .isEqualTo(200);

        // withdrawn through A: B refuses again at once (its cache would have kept the Consent 30 s)
        Consent withdrawn = parse(Consent.class, given(TestTokens.bachMaiEmr()).get("/Consent/" + consentId));
        withdrawn.setStatus(Consent.ConsentState.INACTIVE);
        given(TestTokens.bachMaiEmr()).body(json(withdrawn)).put("/Consent/" + consentId).then().statusCode(200);
        assertThat(statusOnBWithin(TestTokens.choRayEmr(), bachMaisVisit, 403)).as("B after the withdrawal, within %s", ANNOUNCEMENT)
                .isEqualTo(403);
        assertThat(RestAssured.port).isNotEqualTo(portB);
    }
}
