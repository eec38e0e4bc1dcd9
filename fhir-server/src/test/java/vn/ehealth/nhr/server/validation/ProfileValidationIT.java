package vn.ehealth.nhr.server.validation;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The national guide enforced on writes over HTTP: 422 with the broken rule, nothing stored. */
class ProfileValidationIT extends RunningServerTestBase {

    private static final GuideExamples EXAMPLES = GuideExamples.fromClasspath();

    @TestFactory
    Stream<DynamicTest> everyInvalidExampleIsRefusedWith422NamingItsRuleAndNothingIsStored() {
        return EXAMPLES.invalid().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String rule = GuideExamples.expectedRule(e.getKey());
            IBaseResource resource = parse(e.getValue());
            String id = idFor(e.getKey(), resource);
            resource.setId(id);
            String type = resource.fhirType();

            Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(resource))
                    .put("/" + type + "/" + id);

            response.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"));
            JsonPath outcome = response.jsonPath();
            List<Map<String, Object>> issues = outcome.getList("issue");
            assertThat(issues).as("%s must be refused for %s: %s", e.getKey(), rule, response.asString())
                    .anySatisfy(issue -> {
                        assertThat(issue.get("severity")).isEqualTo("error");
                        assertThat(ruleOf(issue)).isEqualTo(rule);
                        assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString().isNotBlank();
                        assertThat((List<?>) issue.get("expression")).isNotEmpty();
                    });
            assertThat(response.asString()).doesNotContain("\tat ").doesNotContain("Exception");
            fhirJson().get("/" + type + "/" + id).then().statusCode(404);
        }));
    }

    @Test
    void theGuidesOwnRulesSpeakVietnameseByDefaultAndEnglishOnRequest() {
        Patient patient = TestCitizens.man("Đặng", "Văn Lâm", 1980);
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        String body = FHIR.newJsonParser().encodeResourceToString(patient);

        Response vietnamese = fhirJson().body(body).post("/Patient");
        vietnamese.then().statusCode(422);
        assertThat(messageOf(vietnamese, "nhr-pat-cccd-sex")).contains("Chữ số thứ 4 của CCCD", "giới tính");

        Response english = fhirJson().header("Accept-Language", "en-GB,en;q=0.9").body(body).post("/Patient");
        english.then().statusCode(422);
        assertThat(messageOf(english, "nhr-pat-cccd-sex")).contains("Digit 4 of the CCCD", "gender");
    }

    @Test
    void aBadEntryInATransactionIsReportedAtThatEntryAndNothingIsStored() {
        Patient good = TestCitizens.woman("Lý", "Thị Ngọc", 1992);
        Patient bad = TestCitizens.man("Lý", "Văn Tâm", 1990);
        bad.getIdentifierFirstRep().setValue("12345"); // not a CCCD
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setResource(good).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        tx.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

        Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(tx)).post("/");

        response.then().statusCode(422);
        List<Map<String, Object>> issues = response.jsonPath().getList("issue");
        assertThat(issues).anySatisfy(issue -> {
            assertThat(ruleOf(issue)).isEqualTo("nhr-pat-cccd-format");
            assertThat((List<String>) issue.get("expression")).singleElement().asString().startsWith("Bundle.entry[1].resource");
        });
        assertThat(client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, TestCitizens.cccdOf(good)))
                .returnBundle(Bundle.class).execute().getTotal()).as("the valid Patient of the refused transaction").isZero();
    }

    @Test
    void validateAnswersWhatAWriteWouldBeToldWithoutStoringAnything() {
        Patient patient = TestCitizens.woman("Hồ", "Thị Xuân", 1986);
        patient.getIdentifierFirstRep().setValue("079086000001"); // digit 4 (0) says a man
        String body = FHIR.newJsonParser().encodeResourceToString(patient);

        Response refused = fhirJson().body(body).post("/Patient/$validate");
        refused.then().statusCode(200).body("resourceType", equalTo("OperationOutcome"));
        assertThat(refused.jsonPath().getList("issue.diagnostics", String.class))
                .anySatisfy(d -> assertThat(d).contains("Chữ số thứ 4 của CCCD"));
        // the same shape as a refused write: the rule by name, the message in details.text
        assertThat(messageOf(refused, "nhr-pat-cccd-sex")).contains("Chữ số thứ 4 của CCCD");

        Patient fine = TestCitizens.woman("Hồ", "Thị Xuân", 1986);
        Response accepted = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(fine))
                .post("/Patient/$validate?profile=http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-patient");
        accepted.then().statusCode(200);
        assertThat(accepted.jsonPath().getList("issue.severity", String.class)).doesNotContain("error", "fatal");

        Response unknownProfile = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(fine))
                .post("/Patient/$validate?profile=http://example.org/StructureDefinition/nothing");
        assertThat(unknownProfile.jsonPath().getList("issue.severity", String.class)).contains("error");
    }

    private static String messageOf(Response response, String rule) {
        List<Map<String, Object>> issues = response.jsonPath().getList("issue");
        return issues.stream().filter(i -> rule.equals(ruleOf(i)))
                .map(i -> String.valueOf(((Map<?, ?>) i.get("details")).get("text"))).findFirst()
                .orElseThrow(() -> new AssertionError("no issue for " + rule + " in " + response.asString()));
    }

    @SuppressWarnings("unchecked")
    static String ruleOf(Map<String, Object> issue) {
        Map<String, Object> details = (Map<String, Object>) issue.get("details");
        if (details == null || details.get("coding") == null) {
            return null;
        }
        return ((List<Map<String, Object>>) details.get("coding")).stream()
                .filter(c -> "http://fhir.ehealth.gov.vn/nhr/CodeSystem/validation-rule".equals(c.get("system")))
                .map(c -> (String) c.get("code")).findFirst().orElse(null);
    }

    private static IBaseResource parse(byte[] json) {
        return FHIR.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
    }

    private static String idFor(String fileName, IBaseResource resource) {
        if (resource.getIdElement().hasIdPart()) {
            return resource.getIdElement().getIdPart();
        }
        String stem = fileName.substring(0, fileName.indexOf("--")).replaceAll("[^A-Za-z0-9-]", "-");
        return ("invalid-" + stem).substring(0, Math.min(64, ("invalid-" + stem).length()));
    }
}
