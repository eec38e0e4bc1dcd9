package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The FHIR core {@link InstanceValidator}, one per thread and reused from one validation to the
 * next. HAPI's {@code FhirInstanceValidator} builds a new one for every resource, and each
 * construction re-reads the OID registry packed in the core library (measured: about 11 ms of
 * the 20 ms a Patient took); reusing the validator removes that cost without changing what is
 * checked. The settings are those the guide's validator has always used (see {@link GuideValidator}).
 */
final class ReusableInstanceValidators {

    private final FhirContext fhirContext;
    private final WorkerContextValidationSupportAdapter worker;
    private final ThreadLocal<InstanceValidator> perThread;

    ReusableInstanceValidators(FhirContext fhirContext, IValidationSupport chain) {
        this.fhirContext = fhirContext;
        this.worker = new WorkerContextValidationSupportAdapter(chain);
        this.perThread = ThreadLocal.withInitial(this::newValidator);
    }

    /**
     * Validates against {@code profileUrl} (may be null) and the profiles the resource declares.
     * Unknown profiles are reported, as errors.
     */
    List<ValidationMessage> validate(IBaseResource resource, String profileUrl) {
        Set<String> urls = new LinkedHashSet<>();
        if (profileUrl != null) {
            urls.add(profileUrl);
        }
        resource.getMeta().getProfile().forEach(p -> urls.add(p.getValue()));
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String url : urls) {
            StructureDefinition sd = worker.fetchResource(StructureDefinition.class, url);
            if (sd == null) {
                ValidationMessage unknown = new ValidationMessage(ValidationMessage.Source.InstanceValidator,
                        ValidationMessage.IssueType.NOTFOUND, resource.fhirType(),
                        "Profile reference '" + url + "' has not been checked because it is unknown",
                        ValidationMessage.IssueSeverity.ERROR);
                unknown.setMessageId("VALIDATION_VAL_PROFILE_UNKNOWN");
                messages.add(unknown);
            } else {
                profiles.add(sd);
            }
        }
        byte[] json = fhirContext.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        perThread.get().validate(null, messages, new ByteArrayInputStream(json), Manager.FhirFormat.JSON, profiles);
        return messages;
    }

    private InstanceValidator newValidator() {
        try {
            InstanceValidator v = new InstanceValidator(worker, new FhirInstanceValidator.NullEvaluationContext(),
                    new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
            // Vendors may carry their own extensions; the guide's are checked, unknown ones pass.
            v.setAnyExtensionsAllowed(true);
            // References point at resources on the server, not in the payload: not resolved here.
            v.setAssumeValidRestReferences(true);
            v.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
            v.setErrorForUnknownProfiles(true);
            v.setResourceIdRule(IdStatus.OPTIONAL);
            v.setBestPracticeWarningLevel(BestPracticeWarningLevel.Warning);
            v.setNoTerminologyChecks(false);
            // as HAPI does: unknown code systems are reported by the terminology support, as warnings
            v.setUnknownCodeSystemsCauseErrors(true);
            return v;
        } catch (Exception e) {
            throw new IllegalStateException("the FHIR validator cannot be built: " + e.getMessage(), e);
        }
    }
}
