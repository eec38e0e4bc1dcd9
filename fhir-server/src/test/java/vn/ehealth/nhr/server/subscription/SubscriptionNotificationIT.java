package vn.ehealth.nhr.server.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, item 7: the Sổ Sức khỏe backend and facility EMRs are told, by a rest-hook to a real
 * HTTP receiver in this test, when a record gets something new they may read; the notification
 * names the resource and carries none of its content; a failing receiver is retried.
 */
class SubscriptionNotificationIT extends RunningServerTestBase {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Subscriptions created by a test, deleted afterwards (the database is shared by the suite). */
    private final List<String> created = new ArrayList<>();
    private final List<NotificationReceiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String id : created) {
            asAdmin().delete("/Subscription/" + id);
        }
        receivers.forEach(NotificationReceiver::close);
    }

    /** Nguyễn Văn An in the app, having granted the notification scope. */
    private static String citizenAnWithNotifications() {
        return KeycloakTestServer.get().passwordTokenWithScope("so-suc-khoe-app", null, "nguyen-van-an",
                TestTokens.PASSWORD, "openid patient/Subscription.cruds").accessToken();
    }

    private static String citizenBichWithNotifications() {
        return KeycloakTestServer.get().passwordTokenWithScope("so-suc-khoe-app", null, "tran-thi-bich",
                TestTokens.PASSWORD, "openid patient/Subscription.cruds").accessToken();
    }

    private NotificationReceiver receiver() throws Exception {
        NotificationReceiver r = new NotificationReceiver();
        receivers.add(r);
        return r;
    }

    private static Subscription subscription(String criteria, String endpoint) {
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        s.setReason("Thông báo cho ứng dụng Sổ Sức khỏe điện tử");
        s.setCriteria(criteria);
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint);
        return s;
    }

    /** Creates the Subscription and waits until HAPI has activated it. */
    private String subscribe(String token, Subscription s) {
        Response response = given(token).body(json(s)).post("/Subscription");
        response.then().statusCode(201);
        String id = parse(Subscription.class, response).getIdElement().getIdPart();
        created.add(id);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(parse(Subscription.class, given(token).get("/Subscription/" + id)).getStatus())
                        .isEqualTo(Subscription.SubscriptionStatus.ACTIVE));
        return id;
    }

    private static String newPatientOf(String facilityToken) {
        RecordFixtures.ensureDirectory();
        Patient p = TestCitizens.woman("Đỗ", "Thị Hoa", 1990);
        Response response = given(facilityToken).body(json(p)).post("/Patient");
        response.then().statusCode(201);
        return parse(Patient.class, response).getIdElement().getIdPart();
    }

    /** A BCG dose (the guide's example) at Chợ Rẫy or Bạch Mai, on a random day so no dose is a duplicate. */
    private static Immunization dose(String patientId, boolean bachMai) {
        Immunization i = RecordFixtures.example(Immunization.class, "Immunization-con-bich-bcg.json");
        i.setId((String) null);
        i.setPatient(new Reference("Patient/" + patientId));
        int day = ThreadLocalRandom.current().nextInt(1, 28);
        int month = ThreadLocalRandom.current().nextInt(1, 13);
        int year = ThreadLocalRandom.current().nextInt(2001, 2025);
        i.setOccurrence(new DateTimeType(String.format("%d-%02d-%02dT09:00:00+07:00", year, month, day)));
        if (bachMai) {
            i.getPerformer().get(0).setActor(new Reference("Organization/bv-bach-mai"));
            i.getPerformer().get(1).setActor(new Reference("Practitioner/bs-le-van-cuong"));
        }
        return i;
    }

    private static String record(String token, Immunization i) {
        Response response = given(token).body(json(i)).post("/Immunization");
        response.then().statusCode(201);
        return parse(Immunization.class, response).getIdElement().getIdPart();
    }

    @Test
    void theCitizensAppIsToldOfANewImmunizationByTypeAndIdOnly() throws Exception {
        NotificationReceiver app = receiver();
        String an = RecordFixtures.anPatientId();
        String token = citizenAnWithNotifications();
        String id = subscribe(token, subscription("Immunization?patient=Patient/" + an, app.endpoint()));

        // what the server stored: id-only delivery forced, the owner recorded by the server
        Subscription stored = parse(Subscription.class, given(token).get("/Subscription/" + id));
        assertThat(stored.getChannel().getPayload()).isEqualTo("application/fhir+json");
        assertThat(stored.getChannel().getExtensionByUrl(SubscriptionOwner.CCCD).getValue().primitiveValue())
                .isEqualTo("001085012345");
        assertThat(stored.getChannel().getExtensionByUrl(SubscriptionOwner.KIND).getValue().primitiveValue())
                .isEqualTo("CITIZEN");

        String dose = record(TestTokens.bachMaiEmr(), dose(an, true));
        String other = record(TestTokens.bachMaiEmr(), dose(RecordFixtures.bichPatientId(), true));

        await().atMost(WAIT).until(() -> !app.about("Immunization/" + dose).isEmpty());
        NotificationReceiver.Received notification = app.about("Immunization/" + dose).get(0);
        assertThat(notification.method()).isEqualTo("PUT");
        assertThat(notification.path()).isEqualTo("/so-suc-khoe/hook/Immunization/" + dose);
        JsonNode body = JSON.readTree(notification.body());
        Set<String> fields = new java.util.TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isSubsetOf("resourceType", "id", "meta");
        assertThat(body.path("resourceType").asText()).isEqualTo("Immunization");
        assertThat(body.path("id").asText()).isEqualTo(dose);
        assertThat(notification.body()).doesNotContain("patient", "vaccineCode", "BCG", "nguyen-van-an", "bv-bach-mai");
        assertThat(app.about("Immunization/" + other)).isEmpty(); // Bích's record: not in An's criteria

        // the app reads the resource itself, with the citizen's token and the consent rules
        given(token).get("/Immunization/" + dose).then().statusCode(200);
    }

    /** A laboratory (or vital-sign) result of Bạch Mai for {@code patientId}. */
    private static Observation result(String patientId, String category) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode(category);
        o.getCode().setText("laboratory".equals(category) ? "Glucose máu lúc đói" : "Nhịp tim");
        o.setSubject(new Reference("Patient/" + patientId));
        o.addPerformer(new Reference("Organization/bv-bach-mai"));
        o.setEffective(new DateTimeType("2026-11-20T08:00:00+07:00"));
        o.setValue(new Quantity().setValue(5.6).setUnit("mmol/L").setSystem("http://unitsofmeasure.org").setCode("mmol/L"));
        return o;
    }

    @Test
    void theCitizensAppIsToldOfANewPrescriptionAndANewLabResult() throws Exception {
        NotificationReceiver app = receiver();
        String an = RecordFixtures.anPatientId();
        String token = citizenAnWithNotifications();
        subscribe(token, subscription("MedicationRequest?subject=Patient/" + an, app.endpoint()));
        subscribe(token, subscription("Observation?patient=Patient/" + an + "&category=laboratory", app.endpoint()));

        MedicationRequest line = RecordFixtures.example(MedicationRequest.class, "MedicationRequest-an-don-ra-vien-1.json");
        line.setId((String) null);
        String code = "01001" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase() + "-c";
        line.getIdentifierFirstRep().setValue(code);
        line.getGroupIdentifier().setValue(code);
        Response prescribed = given(TestTokens.bachMaiEmr()).body(json(line)).post("/MedicationRequest");
        prescribed.then().statusCode(201);
        String prescription = parse(MedicationRequest.class, prescribed).getIdElement().getIdPart();

        Response vital = given(TestTokens.bachMaiEmr()).body(json(result(an, "vital-signs"))).post("/Observation");
        vital.then().statusCode(201);
        String vitalSign = parse(Observation.class, vital).getIdElement().getIdPart();
        Response lab = given(TestTokens.bachMaiEmr()).body(json(result(an, "laboratory"))).post("/Observation");
        lab.then().statusCode(201);
        String labResult = parse(Observation.class, lab).getIdElement().getIdPart();

        await().atMost(WAIT).until(() -> !app.about("MedicationRequest/" + prescription).isEmpty()
                && !app.about("Observation/" + labResult).isEmpty());
        assertThat(app.about("MedicationRequest/" + prescription).get(0).body()).doesNotContain("medication", "dosage", code);
        assertThat(app.about("Observation/" + labResult).get(0).body()).doesNotContain("Glucose", "valueQuantity", "5.6");
        assertThat(app.about("Observation/" + vitalSign)).isEmpty(); // not a lab result: outside the criteria
    }

    @Test
    void aFacilityIsToldOnlyOfWhatItMayReadUnderTheConsentRules() throws Exception {
        NotificationReceiver emr = receiver();
        subscribe(TestTokens.choRayEmr(), subscription("Immunization?status=completed", emr.endpoint()));

        // Bạch Mai's patient, no Consent for Chợ Rẫy: matches the criteria, but Chợ Rẫy may not read it
        String hidden = record(TestTokens.bachMaiEmr(), dose(newPatientOf(TestTokens.bachMaiEmr()), true));
        given(TestTokens.choRayEmr()).get("/Immunization/" + hidden).then().statusCode(403);
        String own = record(TestTokens.choRayEmr(), dose(newPatientOf(TestTokens.choRayEmr()), false));

        await().atMost(WAIT).until(() -> !emr.about("Immunization/" + own).isEmpty());
        assertThat(emr.about("Immunization/" + hidden)).isEmpty();
        assertThat(emr.received()).noneMatch(r -> r.path().contains(hidden) || r.body().contains(hidden));
    }

    @Test
    void aReceiverThatFailsGetsTheNotificationAgainWithBackOff() throws Exception {
        NotificationReceiver emr = receiver().answering(500);
        String patient = newPatientOf(TestTokens.bachMaiEmr());
        subscribe(TestTokens.bachMaiEmr(), subscription("Immunization?patient=Patient/" + patient, emr.endpoint()));

        String dose = record(TestTokens.bachMaiEmr(), dose(patient, true));

        await().atMost(WAIT).until(() -> emr.about("Immunization/" + dose).size() >= 2);
        List<NotificationReceiver.Received> attempts = emr.about("Immunization/" + dose);
        assertThat(attempts.get(0).answered()).isEqualTo(500);
        assertThat(attempts.get(1).answered()).isEqualTo(200);
        assertThat(attempts.get(1).body()).doesNotContain("vaccineCode");
    }

    // --- bad input: 4xx, an OperationOutcome naming the field, nothing stored ---

    private static Response create(String token, Subscription s, boolean english) {
        var request = given(token).body(json(s));
        if (english) {
            request = request.header("Accept-Language", "en");
        }
        return request.post("/Subscription");
    }

    private static void nothingStoredFor(String endpoint) {
        Bundle found = parse(Bundle.class, asAdmin().get("/Subscription?url=" + endpoint));
        assertThat(found.getEntry()).isEmpty();
    }

    private static String unique(String base) {
        return base + "/" + UUID.randomUUID();
    }

    @Test
    void anEndpointThatIsNotHttpsIsRefusedNamingTheEndpoint() {
        String an = RecordFixtures.anPatientId();
        String token = citizenAnWithNotifications();

        String ftp = unique("ftp://files.example.org/hook");
        create(token, subscription("Immunization?patient=Patient/" + an, ftp), false).then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-sub-endpoint-invalid"))
                .body("issue[0].expression[0]", equalTo("Subscription.channel.endpoint"))
                .body("issue[0].details.text", org.hamcrest.Matchers.containsString("phải là một địa chỉ HTTPS"));
        nothingStoredFor(ftp);

        String plain = unique("http://app.example.org/hook");
        create(token, subscription("Immunization?patient=Patient/" + an, plain), true).then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("nhr-sub-endpoint-not-https"))
                .body("issue[0].expression[0]", equalTo("Subscription.channel.endpoint"))
                .body("issue[0].details.text", org.hamcrest.Matchers.containsString("over HTTPS only"));
        nothingStoredFor(plain);
    }

    @Test
    void aFullResourcePayloadIsRefusedNamingThePayload() {
        String an = RecordFixtures.anPatientId();
        String endpoint = unique("https://app.example.org/hook");
        Subscription full = subscription("Immunization?patient=Patient/" + an, endpoint);
        full.getChannel().getPayloadElement().setValue("application/fhir+json")
                .addExtension(new Extension(SubscriptionRules.BACKPORT_PAYLOAD_CONTENT, new CodeType("full-resource")));
        create(citizenAnWithNotifications(), full, false).then().statusCode(422)
                .body("issue[0].details.coding[0].code", equalTo("nhr-sub-payload-not-id-only"))
                .body("issue[0].expression[0]", equalTo("Subscription.channel.payload"));
        nothingStoredFor(endpoint);
    }

    @Test
    void aCitizenMaySubscribeOnlyToTheirOwnRecord() {
        String token = citizenAnWithNotifications();
        for (String criteria : List.of("AuditEvent?patient=Patient/" + RecordFixtures.bichPatientId(),
                "Immunization?patient=Patient/" + RecordFixtures.bichPatientId(), "Immunization?status=completed",
                "Observation?patient=Patient/" + RecordFixtures.anPatientId() + "," + RecordFixtures.bichPatientId())) {
            String endpoint = unique("https://app.example.org/hook");
            create(token, subscription(criteria, endpoint), false).then().statusCode(403)
                    .body("issue[0].details.coding[0].code", equalTo("nhr-sub-criteria-not-own-record"))
                    .body("issue[0].expression[0]", equalTo("Subscription.criteria"));
            nothingStoredFor(endpoint);
        }
    }

    @Test
    void aFacilityMayNotSubscribeToWhatItCannotReadAndNobodyAnonymously() {
        String endpoint = unique("https://emr.example.org/hook");
        create(TestTokens.choRayEmr(), subscription("AuditEvent?type=rest", endpoint), true).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-sub-criteria-not-readable"))
                .body("issue[0].expression[0]", equalTo("Subscription.criteria"))
                .body("issue[0].details.text", org.hamcrest.Matchers.containsString("You may not read AuditEvent"));
        create(null, subscription("Immunization?status=completed", endpoint), false).then().statusCode(401);
        nothingStoredFor(endpoint);
    }

    @Test
    void aSubscriptionIsSeenAndChangedByItsOwnerOnly() {
        String endpoint = unique("https://app.example.org/hook");
        String token = citizenAnWithNotifications();
        // a criteria nothing will match: this test is about the Subscription itself, not its deliveries
        String criteria = "Observation?patient=Patient/" + RecordFixtures.anPatientId() + "&code=urn:test|" + UUID.randomUUID();
        Response response = create(token, subscription(criteria, endpoint), false);
        response.then().statusCode(201);
        String id = parse(Subscription.class, response).getIdElement().getIdPart();
        created.add(id);

        String bich = citizenBichWithNotifications();
        given(bich).get("/Subscription/" + id).then().statusCode(403);
        given(TestTokens.choRayEmr()).get("/Subscription/" + id).then().statusCode(403);
        given(TestTokens.analyst()).get("/Subscription/" + id).then().statusCode(403);
        given(bich).delete("/Subscription/" + id).then().statusCode(403);
        Bundle search = parse(Bundle.class, given(bich).get("/Subscription?url=" + endpoint));
        assertThat(search.getEntry()).isEmpty();

        // the owner recorded is the server's, whatever the client sends
        Subscription forged = parse(Subscription.class, given(token).get("/Subscription/" + id));
        for (Iterator<Extension> it = forged.getChannel().getExtension().iterator(); it.hasNext(); ) {
            if (SubscriptionOwner.CCCD.equals(it.next().getUrl())) {
                it.remove();
            }
        }
        forged.getChannel().addExtension(SubscriptionOwner.CCCD, new org.hl7.fhir.r4.model.StringType("079301004567"));
        given(token).body(json(forged)).put("/Subscription/" + id).then().statusCode(200);
        Subscription kept = parse(Subscription.class, given(token).get("/Subscription/" + id));
        assertThat(kept.getChannel().getExtension()).filteredOn(e -> SubscriptionOwner.CCCD.equals(e.getUrl()))
                .extracting(e -> e.getValue().primitiveValue()).containsExactly("001085012345");

        given(token).delete("/Subscription/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 204));
        created.remove(id);
    }
}
