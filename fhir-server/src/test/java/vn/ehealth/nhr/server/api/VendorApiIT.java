package vn.ehealth.nhr.server.api;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 6, item 8: what an EMR vendor relies on, through HTTP with the hospital's real token:
 * {@code Prefer}, conditional update on an identifier, versioned updates with {@code If-Match}
 * (a stale version: 412 saying to read again), {@code _history}, {@code $validate} with a profile,
 * and the OpenAPI page (public) in front of a protected API.
 */
class VendorApiIT extends RunningServerTestBase {

    private static final String ENCOUNTER_PROFILE = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-encounter";

    @Test
    void preferChoosesWhatAWriteAnswers() {
        String bachMai = TestTokens.bachMaiEmr();
        Response minimal = given(bachMai).header("Prefer", "return=minimal")
                .body(json(TestCitizens.man("Kiều", "Văn Minh", 1980))).post("/Patient");
        minimal.then().statusCode(201).header("Location", matchesPattern(".*/fhir/Patient/[^/]+/_history/1"))
                .body(emptyString());

        Response representation = given(bachMai).header("Prefer", "return=representation")
                .body(json(TestCitizens.man("Kiều", "Văn Minh", 1981))).post("/Patient");
        representation.then().statusCode(201).body("resourceType", equalTo("Patient"))
                .body("id", notNullValue()).body("meta.versionId", equalTo("1"))
                .body("meta.source", containsString("urn:nhr:facility:" + BACH_MAI));

        Response outcome = given(bachMai).header("Prefer", "return=OperationOutcome")
                .body(json(TestCitizens.man("Kiều", "Văn Minh", 1982))).post("/Patient");
        outcome.then().statusCode(201).body("resourceType", equalTo("OperationOutcome"))
                .header("Location", matchesPattern(".*/fhir/Patient/[^/]+/_history/1"));
    }

    @Test
    void conditionalUpdateOnTheEncounterIdentifierCreatesOnceThenUpdatesTheSameRecord() {
        Episode e = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.woman("Mạc", "Thị Thu", 1977), "J18.9");
        Encounter stored = parse(Encounter.class, given(TestTokens.bachMaiEmr()).get("/Encounter/" + e.encounterId()));
        String system = NhrIdentifierSystems.treatmentEpisode(BACH_MAI);

        // an episode the server does not have yet: created
        Encounter fresh = stored.copy();
        fresh.setId((String) null);
        fresh.setMeta(null);
        String value = "T" + System.nanoTime();
        fresh.getIdentifierFirstRep().setSystem(system).setValue(value);
        Response created = given(TestTokens.bachMaiEmr()).body(json(fresh)).put("/Encounter?identifier=" + system + "|" + value);
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");

        // the same episode sent again, changed: the same record, version 2
        fresh.getPeriod().setEndElement(new DateTimeType("2026-03-15T11:45:00+07:00"));
        given(TestTokens.bachMaiEmr()).body(json(fresh)).put("/Encounter?identifier=" + system + "|" + value)
                .then().statusCode(200).body("id", equalTo(id)).body("meta.versionId", equalTo("2"))
                .body("period.end", equalTo("2026-03-15T11:45:00+07:00"));
        asAdmin().get("/Encounter?identifier=" + system + "|" + value).then().statusCode(200).body("total", equalTo(1));

        // another hospital cannot take it over by naming its identifier
        given(TestTokens.choRayEmr()).body(json(fresh)).put("/Encounter?identifier=" + system + "|" + value)
                .then().statusCode(403);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412SayingToReadTheRecordAgain() {
        Episode e = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.man("Lục", "Văn Sơn", 1958), "I10");
        String url = "/Encounter/" + e.encounterId();
        Encounter read = parse(Encounter.class, given(TestTokens.bachMaiEmr()).get(url));
        String version = read.getMeta().getVersionId();

        read.getPeriod().setEndElement(new DateTimeType("2026-03-15T11:30:00+07:00"));
        given(TestTokens.bachMaiEmr()).header("If-Match", "W/\"" + version + "\"").body(json(read)).put(url)
                .then().statusCode(200).body("meta.versionId", equalTo(String.valueOf(Integer.parseInt(version) + 1)));
        String current = String.valueOf(Integer.parseInt(version) + 1);

        // the same stale copy again: somebody (here, ourselves) changed it since
        read.getPeriod().setEndElement(new DateTimeType("2026-03-15T11:40:00+07:00"));
        given(TestTokens.bachMaiEmr()).header("If-Match", "W/\"" + version + "\"").body(json(read)).put(url)
                .then().statusCode(412).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-api-stale-version"))
                .body("issue[0].details.text", containsString("hiện hành: " + current))
                .body("issue[0].details.text", containsString("GET Encounter/" + e.encounterId()))
                .body("issue[0].details.text", containsString("If-Match: W/\"" + current + "\""));
        given(TestTokens.bachMaiEmr()).header("If-Match", "W/\"" + version + "\"").header("Accept-Language", "en")
                .body(json(read)).put(url).then().statusCode(412)
                .body("issue[0].details.text", containsString("no longer the current version of Encounter/" + e.encounterId()))
                .body("issue[0].details.text", containsString("Read it again"));
        given(TestTokens.bachMaiEmr()).get(url).then().body("period.end", equalTo("2026-03-15T11:30:00+07:00"))
                .body("meta.versionId", equalTo(current));

        // _history: every version, and each one by its id
        Bundle history = parse(Bundle.class, given(TestTokens.bachMaiEmr()).get(url + "/_history"));
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry()).extracting(en -> en.getResource().getMeta().getVersionId()).contains(version, current);
        given(TestTokens.bachMaiEmr()).get(url + "/_history/" + version).then().statusCode(200)
                .body("meta.versionId", equalTo(version));
        given(TestTokens.bachMaiEmr()).get(url + "/_history/" + current).then().statusCode(200)
                .body("meta.versionId", equalTo(current)).body("period.end", equalTo("2026-03-15T11:30:00+07:00"));
    }

    @Test
    void validateWithAProfileAnswersWithoutStoring() {
        Episode e = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.woman("Tô", "Thị Nga", 1992), "J20.9");
        Encounter encounter = parse(Encounter.class, given(TestTokens.bachMaiEmr()).get("/Encounter/" + e.encounterId()));
        encounter.setId((String) null);
        encounter.setMeta(null);
        encounter.getIdentifier().clear();
        String value = "T" + System.nanoTime();
        encounter.addIdentifier().setSystem(NhrIdentifierSystems.treatmentEpisode(BACH_MAI)).setValue(value);

        Response fine = given(TestTokens.bachMaiEmr()).body(json(encounter)).post("/Encounter/$validate?profile=" + ENCOUNTER_PROFILE);
        fine.then().statusCode(200).body("resourceType", equalTo("OperationOutcome"));
        assertThat(fine.jsonPath().getList("issue.severity", String.class)).doesNotContain("error", "fatal");

        encounter.setSubject(null); // the guide requires the patient
        Response broken = given(TestTokens.bachMaiEmr()).header("Accept-Language", "en").body(json(encounter))
                .post("/Encounter/$validate?profile=" + ENCOUNTER_PROFILE);
        broken.then().statusCode(200).body("resourceType", equalTo("OperationOutcome"));
        List<String> severities = broken.jsonPath().getList("issue.severity", String.class);
        assertThat(severities).contains("error");
        assertThat(broken.jsonPath().getList("issue.diagnostics", String.class)).anySatisfy(d -> assertThat(d).contains("Encounter.subject"));
        asAdmin().get("/Encounter?identifier=" + NhrIdentifierSystems.treatmentEpisode(BACH_MAI) + "|" + value)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theOpenApiPageIsPublicButTheApiItDescribesIsNot() {
        Response docs = given(null).accept("*/*").get("/api-docs");
        docs.then().statusCode(200).contentType(containsString("yaml"));
        String openApi = new String(docs.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(openApi).startsWith("openapi: 3").contains("/Patient/$everything:", "/Patient/$merge:",
                "/Encounter/{id}:", "Máy chủ Hồ sơ sức khỏe");
        Response page = given(null).accept("text/html").get("/swagger-ui/");
        page.then().statusCode(200).contentType(containsString("text/html"));
        assertThat(page.asString()).contains("swagger");
        given(null).get("/Patient").then().statusCode(401).body("resourceType", equalTo("OperationOutcome"));
        given(null).get("/Patient/" + parse(Patient.class, asAdmin().body(json(TestCitizens.man("Lý", "Văn Tám", 1960)))
                .post("/Patient")).getIdElement().getIdPart() + "/$everything").then().statusCode(401);
    }
}
