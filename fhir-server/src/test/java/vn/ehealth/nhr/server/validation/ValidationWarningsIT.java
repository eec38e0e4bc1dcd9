package vn.ehealth.nhr.server.validation;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule nhr-cond-icd10-restriction (warning by default): the write is accepted and the sender who
 * asks for an OperationOutcome is told.
 */
class ValidationWarningsIT extends RunningServerTestBase {

    @Test
    void aProstateDiagnosisForAWomanIsStoredWithAWarningNamingTheRestriction() {
        Patient woman = TestCitizens.woman("Vũ", "Thị Hằng", 1960);
        String patientId = client().create().resource(woman).execute().getId().toUnqualifiedVersionless().getValue();

        Response response = fhirJson().header("Prefer", "return=OperationOutcome")
                .body(FHIR.newJsonParser().encodeResourceToString(problem(patientId, "N40", "Tăng sản tuyến tiền liệt")))
                .post("/Condition");

        response.then().statusCode(201);
        List<Map<String, Object>> issues = response.jsonPath().getList("issue");
        assertThat(issues).anySatisfy(issue -> {
            assertThat(issue.get("severity")).isEqualTo("warning");
            assertThat(ProfileValidationIT.ruleOf(issue)).isEqualTo("nhr-cond-icd10-restriction");
            assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString().contains("N40", "nam", "nữ");
        });
    }

    @Test
    void aNormalDeliveryForAManGetsTheSexRestrictionWarningInEnglishOnRequest() {
        Patient man = TestCitizens.man("Đỗ", "Văn Nam", 1990);
        String patientId = client().create().resource(man).execute().getId().toUnqualifiedVersionless().getValue();

        Response response = fhirJson().header("Prefer", "return=OperationOutcome").header("Accept-Language", "en")
                .body(FHIR.newJsonParser().encodeResourceToString(problem(patientId, "O80", "Đẻ thường một thai")))
                .post("/Condition");

        response.then().statusCode(201);
        List<Map<String, Object>> issues = response.jsonPath().getList("issue");
        assertThat(issues).anySatisfy(issue -> {
            assertThat(ProfileValidationIT.ruleOf(issue)).isEqualTo("nhr-cond-icd10-restriction");
            assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString()
                    .contains("O80", "restricted to female", "the patient is male");
        });
    }

    @Test
    void theSameDiagnosisForAManHasNoWarning() {
        Patient man = TestCitizens.man("Vũ", "Văn Hải", 1958);
        String patientId = client().create().resource(man).execute().getId().toUnqualifiedVersionless().getValue();

        Response response = fhirJson().header("Prefer", "return=OperationOutcome")
                .body(FHIR.newJsonParser().encodeResourceToString(problem(patientId, "N40", "Tăng sản tuyến tiền liệt")))
                .post("/Condition");

        response.then().statusCode(201);
        List<Map<String, Object>> issues = response.jsonPath().getList("issue");
        assertThat(issues).noneSatisfy(issue -> assertThat(ProfileValidationIT.ruleOf(issue)).isEqualTo("nhr-cond-icd10-restriction"));
    }

    private static Condition problem(String patientId, String code, String display) {
        Condition c = new Condition();
        c.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical").setCode("active");
        c.getVerificationStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-ver-status").setCode("confirmed");
        c.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-category").setCode("problem-list-item");
        c.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", code, display)));
        c.setSubject(new Reference(patientId));
        c.setRecordedDateElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01T09:00:00+07:00"));
        return c;
    }
}
