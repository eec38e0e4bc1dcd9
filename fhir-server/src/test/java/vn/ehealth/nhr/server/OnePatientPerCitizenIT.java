package vn.ehealth.nhr.server;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** One record per citizen: the guide's unique CCCD search parameter, enforced by the database. */
class OnePatientPerCitizenIT extends RunningServerTestBase {

    @Test
    void aSecondPatientWithAnExistingCccdIsRefusedWith409NamingTheExistingRecord() {
        Patient first = TestCitizens.woman("Lâm", "Thị Yến", 1983);
        String cccd = TestCitizens.cccdOf(first);
        String existing = client().create().resource(first).execute().getId().toUnqualifiedVersionless().getIdPart();

        Patient again = TestCitizens.woman("Lâm", "Thị Yến", 1983);
        again.getIdentifierFirstRep().setValue(cccd); // another facility sends the same citizen
        Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(again)).post("/Patient");

        response.then().statusCode(409).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("duplicate"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-pat-cccd-unique"));
        assertThat(response.jsonPath().getString("issue[0].details.text"))
                .contains("Patient/" + existing, cccd, "mỗi công dân chỉ có một hồ sơ");
        assertThat(response.asString()).doesNotContain("\tat ");

        Response english = fhirJson().header("Accept-Language", "en")
                .body(FHIR.newJsonParser().encodeResourceToString(again)).post("/Patient");
        english.then().statusCode(409);
        assertThat(english.jsonPath().getString("issue[0].details.text")).contains("one record per citizen", "Patient/" + existing);
        fhirJson().queryParam("cccd", cccd).get("/Patient").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void theCccdSearchParameterFindsACitizenByCccdOnly() {
        Patient p = TestCitizens.man("Tạ", "Quang Bửu", 1971);
        String cccd = TestCitizens.cccdOf(p);
        client().create().resource(p).execute();

        fhirJson().queryParam("cccd", cccd).get("/Patient").then().statusCode(200).body("total", equalTo(1));
        fhirJson().queryParam("cccd", "http://fhir.ehealth.gov.vn/core/sid/national_id|" + cccd).get("/Patient")
                .then().statusCode(200).body("total", equalTo(1));
        fhirJson().queryParam("cccd", "999999999999").get("/Patient").then().statusCode(200).body("total", equalTo(0));
    }
}
