package vn.ehealth.nhr.server;

import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;

/** The national catalogues shipped in the guide answer HAPI's terminology operations from the first start. */
class TerminologyServicesIT extends RunningServerTestBase {

    private static final String ADMIN_UNITS = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-administrative-units";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
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
    void translateMapsATechnicalServiceToItsIcd9CmProcedure() {
        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ConceptMap/vn-technical-service-to-icd9cm")
                .queryParam("system", "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-technical-service")
                .queryParam("code", "01.0115.0297")
                .queryParam("targetsystem", "http://hl7.org/fhir/sid/icd-9-cm")
                .get("/ConceptMap/$translate")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true))
                .body("parameter.findAll { it.name == 'match' }.part.flatten().find { it.name == 'concept' }.valueCoding.code",
                        equalTo("88.73"))
                .body("parameter.findAll { it.name == 'match' }.part.flatten().find { it.name == 'equivalence' }.valueCode",
                        equalTo("wider"));
        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ConceptMap/vn-technical-service-to-icd9cm")
                .queryParam("system", "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-technical-service")
                .queryParam("code", "99.9999.9999")
                .get("/ConceptMap/$translate")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
    }

    @Test
    void validateCodeAgainstAnUnknownSystemAnswersClearlyNotWithAServerError() {
        fhirJson().queryParam("url", "http://example.org/no-such-catalogue").queryParam("code", "X1")
                .get("/CodeSystem/$validate-code")
                .then().statusCode(not(equalTo(500)))
                .body(containsString("http://example.org/no-such-catalogue"));
    }

    @Test
    void icd10LookupAcceptsTheHospitalSpellingWithoutDotAndAnswersInVietnameseAndEnglish() {
        for (String spelling : new String[] {"A09.0", "A090", "a09.0"}) {
            fhirJson().queryParam("system", ICD10).queryParam("code", spelling)
                    .get("/CodeSystem/$lookup")
                    .then().statusCode(200)
                    .body("parameter.find { it.name == 'display' }.valueString", startsWith("Viêm dạ dày"))
                    .body("parameter.findAll { it.name == 'designation' }.part.flatten().findAll { it.name == 'value' }.valueString",
                            hasItem(containsString("gastroenteritis")));
        }
    }

    @Test
    void icd10SubsumesFollowsChapterBlockCategorySubcategory() {
        // concept relationships of large code systems are written shortly after start-up: allow for it
        awaitSubsumes("A00-B99", "A09.0", "subsumes");
        awaitSubsumes("A09.0", "A00-B99", "subsumed-by");
        awaitSubsumes("E10-E14", "A09.0", "not-subsumed");
    }

    @Test
    void icd10ExpansionFilteredWithoutDiacriticsFindsDiabetesFirst() {
        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-icd10")
                .queryParam("filter", "dai thao duong")
                .get("/ValueSet/$expand")
                .then().statusCode(200)
                .body("expansion.contains[0].code", equalTo("E10-E14"))
                .body("expansion.contains.code", hasItems("E10", "E11.2", "E14.9"));
    }

    @Test
    void filteredExpansionsArePagedWithCountAndOffset() {
        java.util.List<String> all = fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-icd10")
                .queryParam("filter", "dai thao duong").get("/ValueSet/$expand")
                .then().statusCode(200).extract().path("expansion.contains.code");

        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-icd10")
                .queryParam("filter", "dai thao duong").queryParam("count", 5).queryParam("offset", 5)
                .get("/ValueSet/$expand")
                .then().statusCode(200)
                .body("expansion.total", equalTo(all.size()))
                .body("expansion.offset", equalTo(5))
                .body("expansion.contains.code", equalTo(all.subList(5, 10)));
    }

    @Test
    void unfilteredExpansionOfProvincesIsPaged() {
        fhirJson().queryParam("url", "http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-administrative-units-provinces")
                .queryParam("count", 10)
                .get("/ValueSet/$expand")
                .then().statusCode(200)
                .body("expansion.total", equalTo(63))
                .body("expansion.contains.size()", equalTo(10));
    }

    private void awaitSubsumes(String a, String b, String expected) {
        long deadline = System.currentTimeMillis() + 90_000;
        String outcome = null;
        while (System.currentTimeMillis() < deadline) {
            outcome = fhirJson().queryParam("system", ICD10).queryParam("codeA", a).queryParam("codeB", b)
                    .get("/CodeSystem/$subsumes").then().statusCode(200)
                    .extract().path("parameter.find { it.name == 'outcome' }.valueCode");
            if (expected.equals(outcome)) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        org.assertj.core.api.Assertions.assertThat(outcome).as("$subsumes %s %s", a, b).isEqualTo(expected);
    }

    @Test
    void ethnicGroupOneIsKinh() {
        fhirJson().queryParam("system", "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-ethnic-group").queryParam("code", "01")
                .get("/CodeSystem/$lookup")
                .then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Kinh"));
    }
}
