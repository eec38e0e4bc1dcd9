package vn.ehealth.nhr.server.audit;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.bichPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 5, rules 6 and 8, end to end: every access to Trần Thị Bích's record, granted or refused,
 * is in the access log she reads in the app; an emergency access stands out; nobody alters the log.
 */
class AccessLogIT extends RunningServerTestBase {

    @Autowired
    private AuditTrail auditTrail;

    private static final String JUSTIFICATION = "Bệnh nhân hôn mê tại cấp cứu";

    @Test
    void theCitizenSeesWhoReadTheirRecordWhoWasRefusedAndEveryEmergencyAccess() {
        Instant start = Instant.now().minusSeconds(2);
        Episode visit = postEpisode(TestTokens.choRayEmr(), CHO_RAY, bichPatientId(), null, "A09.0");
        given(TestTokens.clinicianBachMai()).get("/Encounter/" + visit.encounterId()).then().statusCode(403);
        given(TestTokens.clinicianBachMai())
                .header(AccessContexts.PURPOSE_OF_USE_HEADER, "ETREAT")
                .header(AccessContexts.JUSTIFICATION_HEADER, java.net.URLEncoder.encode(JUSTIFICATION, java.nio.charset.StandardCharsets.UTF_8))
                .get("/Encounter/" + visit.encounterId()).then().statusCode(200);

        String bich = TestTokens.citizenBich();
        String log = "/AuditEvent?patient=Patient/" + bichPatientId() + "&date=ge" + start + "&_count=200";
        List<AuditEvent> emergencies = eventually(bich, log + "&_tag=" + AuditEvents.FLAG_SYSTEM + "|" + AuditEvents.BREAK_THE_GLASS,
                events -> !events.isEmpty());
        AuditEvent emergency = emergencies.get(0);
        assertThat(emergency.getPurposeOfEvent()).flatExtracting(c -> c.getCoding()).extracting(c -> c.getCode()).contains("ETREAT");
        assertThat(emergency.getExtensionByUrl(AuditEvents.JUSTIFICATION_EXTENSION).getValue().primitiveValue()).isEqualTo(JUSTIFICATION);
        assertThat(emergency.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("000123/HNO-CCHN"));
        assertThat(emergency.getAgent()).anySatisfy(a -> {
            assertThat(a.getWho().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.FACILITY_CODE);
            assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("01001");
        });

        List<AuditEvent> all = eventually(bich, log, events -> events.stream().anyMatch(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4)
                && events.stream().anyMatch(e -> e.getAction() == AuditEvent.AuditEventAction.C));
        assertThat(all).as("the refused read by Bạch Mai is in the log")
                .anySatisfy(e -> {
                    assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
                    assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("000123/HNO-CCHN"));
                });
        assertThat(all).as("Chợ Rẫy's writes are in the log").anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
            assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo(CHO_RAY));
        });
    }

    @Test
    void nobodyReadsAnotherCitizensLogOrAltersAnyLog() {
        given(TestTokens.citizenAn()).get("/AuditEvent?patient=Patient/" + bichPatientId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-other-citizen"));
        given(TestTokens.bachMaiEmr()).get("/Encounter?patient=Patient/" + bichPatientId()).then().statusCode(200);
        List<AuditEvent> events = eventually(TestTokens.administrator(), "/AuditEvent?patient=Patient/" + bichPatientId() + "&_count=1",
                e -> !e.isEmpty());
        String id = events.get(0).getIdElement().getIdPart();
        given(TestTokens.administrator()).delete("/AuditEvent/" + id).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-audit-immutable"));
        given(TestTokens.bachMaiEmr()).body(vn.ehealth.nhr.server.support.RecordFixtures.json(events.get(0)))
                .put("/AuditEvent/" + id).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-audit-immutable"));
        given(TestTokens.clinicianChoRay()).get("/AuditEvent/" + id).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-audit-log-private"));
    }

    @Test
    void administratorsReadsAndRejectedTokensAreInTheLogToo() {
        Instant start = Instant.now().minusSeconds(2);
        given(TestTokens.administrator()).get("/Patient/" + bichPatientId()).then().statusCode(200);
        given("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").get("/Patient/" + bichPatientId()).then().statusCode(401);
        String log = "/AuditEvent?patient=Patient/" + bichPatientId() + "&date=ge" + start + "&_count=200";
        List<AuditEvent> events = eventually(TestTokens.citizenBich(), log,
                found -> found.stream().anyMatch(e -> e.getMeta().getTag(AuditEvents.FLAG_SYSTEM, AuditEvents.ADMINISTRATOR_ACCESS) != null)
                        && found.stream().anyMatch(e -> e.getOutcomeDesc() != null && e.getOutcomeDesc().startsWith("401")));
        assertThat(events).anySatisfy(e -> assertThat(e.getAgent())
                .anySatisfy(a -> assertThat(a.getWho().getDisplay()).contains("token")));
    }

    @Test
    void theCitizensWholeRecordLeavesTheAccessLogOutUnlessTypeAsksForIt() {
        String everything = "/Patient/" + bichPatientId() + "/$everything";
        RecordFixtures.allPages(TestTokens.citizenBich(), everything + "?_count=100"); // a read of the record: logged
        eventually(TestTokens.citizenBich(), "/AuditEvent?patient=Patient/" + bichPatientId() + "&_count=1", found -> !found.isEmpty());

        // every read adds to the log: inside $everything it would grow with each look at the record
        assertThat(RecordFixtures.allPages(TestTokens.citizenBich(), everything + "?_count=100"))
                .contains("Patient/" + bichPatientId()).noneMatch(id -> id.startsWith("AuditEvent/"));
        assertThat(RecordFixtures.allPages(TestTokens.citizenBich(), everything + "?_type=AuditEvent&_count=100"))
                .anyMatch(id -> id.startsWith("AuditEvent/"));
    }

    /**
     * The log is written in the background, behind whatever earlier tests queued: wait until the
     * writer has stored everything queued so far, then poll until the log shows what the test waits
     * for (at most 20 s more).
     */
    private List<AuditEvent> eventually(String token, String query, Predicate<List<AuditEvent>> expected) {
        try {
            assertThat(auditTrail.flush(Duration.ofMinutes(2))).as("access log written within 2 minutes").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<AuditEvent> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            Bundle found = parse(Bundle.class, given(token).get(query).then().statusCode(200).extract().response());
            events = found.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
            if (expected.test(events)) {
                return events;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the access log never showed what was expected for " + query + "; last seen: "
                + events.stream().map(e -> e.getAction() + "/" + e.getOutcome().toCode() + "/" + e.getAgent().stream()
                        .map(a -> a.getWho().getIdentifier().getValue()).toList()).distinct().toList());
    }
}
