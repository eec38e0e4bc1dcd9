package vn.ehealth.nhr.server.patient;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, item 1 (demographic conflicts): a facility may not change the birth date or gender of
 * a citizen on file, by update, PATCH, transaction or conditional create; an administrator may.
 */
class DemographicConflictIT extends RunningServerTestBase {

    private static final String RULE = "nhr-pat-demographic-conflict";

    /** A citizen born 1979-05-17, recorded by Bạch Mai. */
    private static Patient onFile() {
        Patient p = TestCitizens.woman("Đỗ", "Thị Lan", 1979);
        Response response = given(TestTokens.bachMaiEmr()).body(json(p)).post("/Patient");
        response.then().statusCode(201);
        return parse(Patient.class, response);
    }

    private static Patient stored(String id) {
        return parse(Patient.class, asAdmin().get("/Patient/" + id));
    }

    private static String conditionalUrl(Patient p) {
        return "identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + TestCitizens.cccdOf(p);
    }

    @Test
    void aFacilityMayNotChangeTheBirthDateOrGenderOfACitizenOnFile() {
        Patient lan = onFile();
        String id = lan.getIdElement().getIdPart();

        Patient birthDate = stored(id).setBirthDateElement(new DateType("1979-06-17"));
        Response refused = given(TestTokens.bachMaiEmr()).body(json(birthDate)).put("/Patient/" + id);
        refused.then().statusCode(409).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].details.coding[0].code", equalTo(RULE))
                .body("issue[0].expression[0]", equalTo("Patient.birthDate"));
        assertThat(refused.jsonPath().getString("issue[0].details.text"))
                .contains("ngày sinh (birthDate)", "Patient/" + id, "1979-05-17", "1979-06-17", "quản trị viên");
        Response english = given(TestTokens.bachMaiEmr()).header("Accept-Language", "en").body(json(birthDate)).put("/Patient/" + id);
        english.then().statusCode(409);
        assertThat(english.jsonPath().getString("issue[0].details.text"))
                .contains("birth date (birthDate)", "may not be changed", "1979-05-17", "1979-06-17");

        // the more precise reason first: not the CCCD's sex digit, the conflict with the record on file
        Patient gender = stored(id).setGender(AdministrativeGender.MALE);
        given(TestTokens.bachMaiEmr()).body(json(gender)).put("/Patient/" + id).then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo(RULE))
                .body("issue[0].expression[0]", equalTo("Patient.gender"));
        given(TestTokens.bachMaiEmr()).contentType("application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/birthDate\",\"value\":\"1978-05-17\"}]").patch("/Patient/" + id)
                .then().statusCode(409).body("issue[0].details.coding[0].code", equalTo(RULE));

        Patient after = stored(id);
        assertThat(after.getBirthDateElement().getValueAsString()).isEqualTo("1979-05-17");
        assertThat(after.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(after.getMeta().getVersionId()).isEqualTo("1");

        // other changes go through
        Patient phone = stored(id);
        phone.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("0912345678");
        given(TestTokens.bachMaiEmr()).body(json(phone)).put("/Patient/" + id).then().statusCode(200);
    }

    @Test
    void anAdministratorCorrectsTheBirthDate() {
        String id = onFile().getIdElement().getIdPart();
        Patient corrected = stored(id).setBirthDateElement(new DateType("1979-06-17"));
        asAdmin().body(json(corrected)).put("/Patient/" + id).then().statusCode(200);
        assertThat(stored(id).getBirthDateElement().getValueAsString()).isEqualTo("1979-06-17");
    }

    @Test
    void aRefusedUpdateInATransactionStoresNothingOfIt() {
        String id = onFile().getIdElement().getIdPart();
        Patient other = TestCitizens.man("Võ", "Văn Tâm", 1968);
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(other).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        tx.addEntry().setFullUrl(baseUrl() + "/Patient/" + id).setResource(stored(id).setBirthDateElement(new DateType("1979-05-18")))
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + id);
        given(TestTokens.bachMaiEmr()).body(json(tx)).post("/").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo(RULE))
                .body("issue[0].expression[0]", equalTo("Bundle.entry[1].resource.birthDate"));
        asAdmin().get("/Patient?" + conditionalUrl(other)).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aConditionalCreateOfACitizenOnFileWithAnotherBirthDateIsRefusedNotSilentlyAnswered() {
        Patient lan = onFile();
        String id = lan.getIdElement().getIdPart();
        Patient same = stored(id);
        same.setId((String) null);
        same.setMeta(null);

        // the same citizen with the same data: HAPI answers with the record on file
        Response matched = given(TestTokens.bachMaiEmr()).header("If-None-Exist", conditionalUrl(lan)).body(json(same)).post("/Patient");
        matched.then().statusCode(200);
        assertThat(parse(Patient.class, matched).getIdElement().getIdPart()).isEqualTo(id);

        Patient otherBirthDate = same.copy().setBirthDateElement(new DateType("1979-05-18"));
        Response refused = given(TestTokens.bachMaiEmr()).header("If-None-Exist", conditionalUrl(lan))
                .body(json(otherBirthDate)).post("/Patient");
        refused.then().statusCode(409).body("issue[0].details.coding[0].code", equalTo(RULE))
                .body("issue[0].expression[0]", equalTo("Patient.birthDate"));
        assertThat(refused.jsonPath().getString("issue[0].details.text"))
                .contains("Patient/" + id, "1979-05-17", "1979-05-18", "If-None-Exist");

        // another facility is not told the value on file
        Response elsewhere = given(TestTokens.choRayEmr()).header("If-None-Exist", conditionalUrl(lan))
                .body(json(otherBirthDate)).post("/Patient");
        elsewhere.then().statusCode(409).body("issue[0].details.coding[0].code", equalTo(RULE));
        assertThat(elsewhere.jsonPath().getString("issue[0].details.text")).contains("1979-05-18").doesNotContain("1979-05-17");

        // the same inside a transaction
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(otherBirthDate).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist(conditionalUrl(lan));
        given(TestTokens.bachMaiEmr()).body(json(tx)).post("/").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo(RULE))
                .body("issue[0].expression[0]", equalTo("Bundle.entry[0].resource.birthDate"));
        assertThat(stored(id).getMeta().getVersionId()).isEqualTo("1");
    }
}
