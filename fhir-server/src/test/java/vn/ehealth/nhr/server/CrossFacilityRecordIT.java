package vn.ehealth.nhr.server;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.anPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.ensureDirectory;
import static vn.ehealth.nhr.server.support.RecordFixtures.episode;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, "done when": two hospitals (Bạch Mai and Chợ Rẫy, their EMR systems' real tokens) send
 * the same citizen, each in its own transaction with a conditional create on the CCCD; both land on
 * one Patient. The citizen reads the whole record in the Sổ Sức khỏe app ({@code $everything}),
 * and Chợ Rẫy sees what Bạch Mai wrote only while the citizen's Consent permits it.
 */
class CrossFacilityRecordIT extends RunningServerTestBase {

    /** A visit sent with the citizen as a conditional create: what each entry became. */
    private record Sent(String patientId, String patientStatus, String encounterId, String conditionId) {
    }

    private static Sent send(String token, String facility, Patient citizen, String icd10) {
        ensureDirectory(); // the hospitals and doctors the episode names
        Bundle tx = episode(facility, null, citizen.copy(), icd10);
        tx.getEntryFirstRep().getRequest().setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + TestCitizens.cccdOf(citizen));
        Response response = given(token).body(json(tx)).post("/");
        response.then().statusCode(200);
        Bundle result = parse(Bundle.class, response);
        List<String> ids = new ArrayList<>();
        result.getEntry().forEach(e -> ids.add(new IdType(e.getResponse().getLocation()).getIdPart()));
        return new Sent(ids.get(0), result.getEntryFirstRep().getResponse().getStatus(), ids.get(1), ids.get(2));
    }

    @Test
    void twoHospitalsSendingTheSameCitizenEndOnOnePatient() {
        Patient citizen = TestCitizens.woman("Trịnh", "Thị Hằng", 1975);
        Sent bachMai = send(TestTokens.bachMaiEmr(), BACH_MAI, citizen, "J18.9");
        Sent choRay = send(TestTokens.choRayEmr(), CHO_RAY, citizen, "K29.7");

        assertThat(bachMai.patientStatus()).startsWith("201");
        assertThat(choRay.patientStatus()).startsWith("200"); // matched the record on file, nothing created
        assertThat(choRay.patientId()).isEqualTo(bachMai.patientId());
        asAdmin().get("/Patient?cccd=" + TestCitizens.cccdOf(citizen)).then().statusCode(200).body("total", equalTo(1));
        assertThat(parse(Encounter.class, asAdmin().get("/Encounter/" + choRay.encounterId())).getSubject().getReference())
                .isEqualTo("Patient/" + bachMai.patientId());

        // a plain second create of the same citizen is refused, naming the record
        given(TestTokens.choRayEmr()).body(json(citizen)).post("/Patient").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("nhr-pat-cccd-unique"));
    }

    @Test
    void theCitizenReadsTheWholeRecordAndChoRaySeesBachMaisPartOnlyWithConsent() {
        Patient an = parse(Patient.class, asAdmin().get("/Patient/" + anPatientId()));
        an.setId((String) null);
        an.setMeta(null);
        Sent bachMai = send(TestTokens.bachMaiEmr(), BACH_MAI, an, "J20.9");
        Sent choRay = send(TestTokens.choRayEmr(), CHO_RAY, an, "K29.7");
        assertThat(List.of(bachMai.patientId(), choRay.patientId())).containsOnly(anPatientId());

        // the app: the citizen's own record, every hospital's part
        List<String> record = everything(TestTokens.citizenAn(), "/Patient/" + anPatientId() + "/$everything?_count=20");
        assertThat(record).contains("Patient/" + anPatientId(),
                "Encounter/" + bachMai.encounterId(), "Condition/" + bachMai.conditionId(),
                "Encounter/" + choRay.encounterId(), "Condition/" + choRay.conditionId()).doesNotHaveDuplicates();

        // Chợ Rẫy: its own part yes, Bạch Mai's not without the citizen's consent
        String bachMaiVisit = "/Encounter/" + bachMai.encounterId();
        given(TestTokens.choRayEmr()).get("/Encounter/" + choRay.encounterId()).then().statusCode(200);
        given(TestTokens.choRayEmr()).get(bachMaiVisit).then().statusCode(403);
        assertThat(search(TestTokens.choRayEmr(), "/Encounter?patient=Patient/" + anPatientId() + "&_count=200"))
                .contains("Encounter/" + choRay.encounterId()).doesNotContain("Encounter/" + bachMai.encounterId());

        // the citizen shares visits with Chợ Rẫy in the app
        Response permitted = given(TestTokens.citizenAn())
                .body(json(consent(anPatientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "encounters", false))).post("/Consent");
        permitted.then().statusCode(201);
        String consentId = new IdType(permitted.header("Location")).getIdPart();
        try {
            given(TestTokens.choRayEmr()).get(bachMaiVisit).then().statusCode(200);
            assertThat(search(TestTokens.choRayEmr(), "/Encounter?patient=Patient/" + anPatientId() + "&_count=200"))
                    .contains("Encounter/" + choRay.encounterId(), "Encounter/" + bachMai.encounterId());
            given(TestTokens.choRayEmr()).get("/Condition/" + bachMai.conditionId()).then().statusCode(403); // diagnoses not shared
        } finally {
            // and withdraws it: closed again
            Consent withdrawn = parse(Consent.class, given(TestTokens.citizenAn()).get("/Consent/" + consentId));
            withdrawn.setStatus(Consent.ConsentState.INACTIVE);
            given(TestTokens.citizenAn()).body(json(withdrawn)).put("/Consent/" + consentId).then().statusCode(200);
        }
        given(TestTokens.choRayEmr()).get(bachMaiVisit).then().statusCode(403);
    }

    private static List<String> search(String token, String url) {
        return everything(token, url);
    }

    private static List<String> everything(String token, String url) {
        return RecordFixtures.allPages(token, url);
    }
}
