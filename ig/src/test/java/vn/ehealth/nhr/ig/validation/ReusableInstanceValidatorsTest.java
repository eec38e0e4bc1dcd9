package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread's core validator is replaced after {@link ReusableInstanceValidators#RENEW_AFTER}
 * validations (the core keeps something of every resource it validated), and a renewed validator
 * judges exactly as the first one did.
 */
class ReusableInstanceValidatorsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aThreadsValidatorIsRenewedAndStillJudgesTheSame() {
        ReusableInstanceValidators validators = new ReusableInstanceValidators(FHIR, new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new SnapshotGeneratingValidationSupport(FHIR)));
        int rounds = 2 * ReusableInstanceValidators.RENEW_AFTER + 1;
        for (int i = 0; i < rounds; i++) {
            assertThat(errors(validators.validate(patient("male"), null))).as("validation %d", i).isEmpty();
        }
        assertThat(validators.validatorsBuilt()).isEqualTo(3);

        Patient wrong = patient("male");
        wrong.addCommunication().setPreferred(true); // a language preference without the language (1..1)
        assertThat(errors(validators.validate(wrong, null)))
                .anySatisfy(m -> assertThat(m.getLocation()).contains("Patient.communication"));
    }

    private static Patient patient(String gender) {
        Patient p = new Patient();
        p.addName().setFamily("Nguyễn").addGiven("Văn An");
        p.setGender(Enumerations.AdministrativeGender.fromCode(gender));
        return p;
    }

    private static List<ValidationMessage> errors(List<ValidationMessage> messages) {
        return messages.stream().filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.ERROR
                || m.getLevel() == ValidationMessage.IssueSeverity.FATAL).toList();
    }
}
