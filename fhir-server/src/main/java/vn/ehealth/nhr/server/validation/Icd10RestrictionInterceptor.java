package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.Icd10RestrictionRule;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule {@code nhr-cond-icd10-restriction}: a Condition whose ICD-10 code the Ministry restricts to
 * one sex or an age range must fit its patient. It needs the patient's record, which the
 * profile validator cannot see, so it runs here, after the profile check; a warning by default,
 * a refusal when {@code nhr.validation.icd10-restrictions=error}.
 */
@Interceptor
public class Icd10RestrictionInterceptor extends StorageWriteRule {

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final Icd10RestrictionRule rule;
    private final boolean refuse;

    public Icd10RestrictionInterceptor(FhirContext fhirContext, DaoRegistry daos, Icd10RestrictionRule rule, boolean refuse) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.rule = rule;
        this.refuse = refuse;
    }

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Condition condition)) {
            return;
        }
        Patient patient = patientOf(condition, request);
        if (patient == null) {
            return;
        }
        LocalDate birthDate = patient.hasBirthDate() && patient.getBirthDateElement().getPrecision().ordinal() >= 2
                ? patient.getBirthDate().toInstant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate() : null;
        String gender = patient.hasGender() ? patient.getGender().toCode() : null;
        LocalDate on = condition.hasOnsetDateTimeType() ? toLocalDate(condition.getOnsetDateTimeType().getValue())
                : condition.hasRecordedDate() ? toLocalDate(condition.getRecordedDate()) : null;

        List<RuleViolation> problems = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        CodeableConcept code = condition.getCode();
        for (int i = 0; i < code.getCoding().size(); i++) {
            Coding coding = code.getCoding().get(i);
            if (Icd10Vn.SYSTEM.equals(coding.getSystem())) {
                for (RuleViolation v : rule.check(coding.getCode(), gender, birthDate, on)) {
                    problems.add(v);
                    locations.add("Condition.code.coding[" + i + "]");
                }
            }
        }
        if (problems.isEmpty()) {
            return;
        }
        MessageLanguage language = RequestLanguage.of(request);
        String prefix = WriteValidationOutcome.locationPrefix(request, resource);
        OperationOutcome outcome = new OperationOutcome();
        for (int i = 0; i < problems.size(); i++) {
            WriteValidationOutcome.addIssue(outcome, problems.get(i),
                    refuse ? OperationOutcome.IssueSeverity.ERROR : OperationOutcome.IssueSeverity.WARNING,
                    OperationOutcome.IssueType.BUSINESSRULE, language, GuideValidation.relocate(locations.get(i), prefix));
        }
        if (refuse) {
            WriteValidationOutcome.refuse(fhirContext, outcome);
        }
        WriteValidationOutcome.keepWarnings(request, outcome);
    }

    /** The patient, from the database or from the same transaction Bundle; null if neither has it. */
    private Patient patientOf(Condition condition, RequestDetails request) {
        if (!condition.hasSubject() || !condition.getSubject().hasReference()) {
            return null;
        }
        String reference = condition.getSubject().getReference();
        Bundle bundle = WriteValidationOutcome.requestBundle(request);
        if (bundle != null) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Patient p && (reference.equals(entry.getFullUrl())
                        || (p.getIdElement().hasIdPart() && reference.equals("Patient/" + p.getIdElement().getIdPart())))) {
                    return p;
                }
            }
        }
        IdType id = new IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart() || id.isUrn()) {
            return null;
        }
        try {
            return (Patient) daos.getResourceDao("Patient").read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (BaseServerResponseException notThere) {
            return null;
        }
    }

    private static LocalDate toLocalDate(java.util.Date date) {
        return date == null ? null : date.toInstant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate();
    }
}
