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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The FHIR core {@link InstanceValidator}, one per thread and reused from one validation to the
 * next. HAPI's {@code FhirInstanceValidator} builds a new one for every resource, and each
 * construction re-reads the OID registry packed in the core library (measured: about 11 ms of
 * the 20 ms a Patient took); reusing the validator removes that cost without changing what is
 * checked. The settings are those the guide's validator has always used (see {@link GuideValidator}).
 *
 * <p>But the core validator keeps something of every resource it validated (its per-resource
 * trackers are keyed by the parsed element tree and never cleared): reused forever it held about
 * 150 KB per resource, and a 1,000-episode XML load ran a 1.2 GB server out of memory. So each
 * thread's validator is replaced after {@link #RENEW_AFTER} validations: the construction cost is
 * spread over them (≈ 0.2 ms each) and what a validator holds stays bounded.
 */
final class ReusableInstanceValidators {

    /** Validations one core validator serves before it is replaced. */
    static final int RENEW_AFTER = 50;

    private final FhirContext fhirContext;
    private final WorkerContextValidationSupportAdapter worker;
    private final ThreadLocal<Reused> perThread;
    private final AtomicLong built = new AtomicLong();

    ReusableInstanceValidators(FhirContext fhirContext, IValidationSupport chain) {
        this.fhirContext = fhirContext;
        this.worker = new WorkerContextValidationSupportAdapter(chain);
        this.perThread = ThreadLocal.withInitial(() -> new Reused(newValidator()));
    }

    /** A thread's validator and how many validations it has served. */
    private static final class Reused {
        InstanceValidator validator;
        int uses;

        Reused(InstanceValidator validator) {
            this.validator = validator;
        }
    }

    /** Core validators built so far (for tests: renewal keeps memory bounded). */
    long validatorsBuilt() {
        return built.get();
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
        Reused reused = perThread.get();
        if (reused.uses++ >= RENEW_AFTER) {
            reused.validator = newValidator();
            reused.uses = 1;
        }
        reused.validator.validate(null, messages, new ByteArrayInputStream(json), Manager.FhirFormat.JSON, profiles);
        return messages;
    }

    private InstanceValidator newValidator() {
        built.incrementAndGet();
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
