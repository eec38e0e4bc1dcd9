package vn.ehealth.nhr.server;

import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The national catalogues shipped in the guide answer HAPI's terminology operations from the first start. */
class TerminologyServicesIT extends RunningServerTestBase {

    private static final String ADMIN_UNITS = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-administrative-units";
    private static final String ENCOUNTER_TYPES = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-encounter-type";

    @Test
    void lookupOfACommuneGivesItsVietnameseNameLevelAndParentDistrict() {
        fhirJson().queryParam("system", ADMIN_UNITS).queryParam("code", "00001")
                .get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Phường Phúc Xá"))
                .body("parameter.find { it.name == 'version' }.valueString", equalTo("2024-06-11"))
                .body("parameter.findAll { it.name == 'property' }.part.flatten().findAll { it.name == 'value' }.valueString",
                        hasItem("001"));
    }

    @Test
    void expandingProvincesWithAnUnaccentedFilterFindsTheAccentedName() {
        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-administrative-units-provinces")
                .queryParam("filter", "ho chi minh")
                .get("/ValueSet/$expand")
                .then().statusCode(200)
                .body("expansion.contains.code", hasItem("79"))
                .body("expansion.contains.display", hasItem("Thành phố Hồ Chí Minh"));
    }

    @Test
    void validateCodeSaysWhyACodeIsNotValid() {
        fhirJson().queryParam("url", ENCOUNTER_TYPES).queryParam("code", "06")
                .get("/CodeSystem/$validate-code")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false))
                .body("parameter.find { it.name == 'message' }.valueString", containsString("06"));
        fhirJson().queryParam("url", ENCOUNTER_TYPES).queryParam("code", "03")
                .get("/CodeSystem/$validate-code")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true))
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Điều trị nội trú"));
    }

    @Test
    void validateCodeAgainstAnUnknownSystemAnswersClearlyNotWithAServerError() {
        fhirJson().queryParam("url", "http://example.org/no-such-catalogue").queryParam("code", "X1")
                .get("/CodeSystem/$validate-code")
                .then().statusCode(not(equalTo(500)))
                .body(containsString("http://example.org/no-such-catalogue"));
    }

    @Test
    void ethnicGroupOneIsKinh() {
        fhirJson().queryParam("system", "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-ethnic-group").queryParam("code", "01")
                .get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Kinh"));
    }
}
