package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes of the guide's own code systems are checked by index lookup ({@link GuideTerminologySupport})
 * with the answers HAPI's in-memory support gave: any code of the catalogue passes, an unknown one or
 * one outside the value set is refused in Vietnamese and English, a wrong display only warns.
 */
class GuideTerminologySupportTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    private static GuideValidator validator;
    private static GuideExamples examples;

    @BeforeAll
    static void loadTheShippedGuide() {
        validator = GuideValidator.forShippedGuide(FHIR);
        examples = GuideExamples.fromClasspath();
    }

    @Test
    void anyDiagnosisOfTheMinistrysIcd10ListIsAccepted() {
        for (String[] code : new String[][] {{"J18.9", "Viêm phổi, không đặc hiệu"}, {"E11.9", null}, {"A09.0", null}}) {
            GuideValidation result = validator.validate(condition(code[0], code[1]));
            assertThat(result.errors()).as(code[0] + ": " + GuideExampleConformanceTest.describe(result)).isEmpty();
        }
    }

    @Test
    void aCodeNotInTheListIsRefusedNamingTheCode() {
        GuideValidation result = validator.validate(condition("X99.9", null));
        assertThat(result.errors()).anySatisfy(f -> {
            assertThat(f.location()).contains("Condition.code");
            assertThat(f.message(MessageLanguage.ENGLISH)).contains("X99.9");
            assertThat(f.message(MessageLanguage.VIETNAMESE)).contains("X99.9").contains("không có trong");
        });
    }

    @Test
    void aChapterIsInTheCodeSystemButNotADiagnosis() {
        GuideValidation result = validator.validate(condition("I", null));
        assertThat(result.errors()).anySatisfy(f -> assertThat(f.message(MessageLanguage.ENGLISH)).contains("I"));
    }

    @Test
    void aDisplayThatIsNotTheCodesNameOnlyWarns() {
        GuideValidation result = validator.validate(condition("I10", "Đái tháo đường"));
        assertThat(result.errors()).isEmpty();
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(IssueSeverity.WARNING);
            assertThat(f.message(MessageLanguage.ENGLISH)).contains("Đái tháo đường");
        });
    }

    @Test
    void anAddressMustNameACommuneOfTheAdministrativeUnitList() {
        Patient an = (Patient) parse("Patient-nguyen-van-an.json");
        assertThat(validator.validate(an).errors()).isEmpty();
        // a province code where the commune goes: in the code system, not in the communes' value set
        an.getAddressFirstRep().getExtensionFirstRep().getExtensionByUrl("ward").getValue()
                .castToCodeableConcept(an.getAddressFirstRep().getExtensionFirstRep().getExtensionByUrl("ward").getValue())
                .getCodingFirstRep().setCode("01");
        assertThat(validator.validate(an).errors()).anySatisfy(f -> {
            assertThat(f.location()).startsWith("Patient.address[0].extension[0].extension[2]"); // the ward
            assertThat(f.message(MessageLanguage.VIETNAMESE)).contains("#01").contains("Phường, xã");
        });
    }

    private static Condition condition(String code, String display) {
        Condition c = (Condition) parse("Condition-an-tang-huyet-ap.json");
        c.getCode().getCodingFirstRep().setSystem(ICD10).setCode(code).setDisplay(display);
        return c;
    }

    private static org.hl7.fhir.instance.model.api.IBaseResource parse(String file) {
        return FHIR.newJsonParser().parseResource(new String(examples.valid().get(file), StandardCharsets.UTF_8));
    }
}
