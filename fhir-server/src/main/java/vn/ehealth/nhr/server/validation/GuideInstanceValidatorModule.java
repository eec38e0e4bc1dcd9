package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.instance.model.api.IBaseResource;
import vn.ehealth.nhr.ig.validation.Finding;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;

/**
 * The guide's validator in the place of HAPI's JPA instance validator, so that
 * {@code $validate} answers exactly what a write would be told: with {@code ?profile=} against
 * that profile, otherwise against the VN profile of the resource's type; messages in the caller's
 * language; the rule's name as the message id.
 */
public class GuideInstanceValidatorModule implements IInstanceValidatorModule {

    private final GuideValidator validator;

    public GuideInstanceValidatorModule(GuideValidator validator) {
        this.validator = validator;
    }

    @Override
    public void validateResource(IValidationContext<IBaseResource> context) {
        IBaseResource resource = context.getResource();
        if (resource == null) {
            resource = validator.fhirContext().newJsonParser().parseResource(context.getResourceAsString());
        }
        String profile = context.getOptions().getProfiles().stream().findFirst()
                .orElse(GuideValidator.profileFor(resource).orElse(null));
        GuideValidation result = validator.validate(resource, profile);
        MessageLanguage language = RequestLanguage.current();
        for (Finding f : result.findings()) {
            SingleValidationMessage m = new SingleValidationMessage();
            m.setSeverity(switch (f.severity()) {
                case FATAL -> ResultSeverityEnum.FATAL;
                case ERROR -> ResultSeverityEnum.ERROR;
                case WARNING -> ResultSeverityEnum.WARNING;
                default -> ResultSeverityEnum.INFORMATION;
            });
            m.setMessage(f.message(language));
            m.setMessageId(f.rule());
            m.setLocationString(f.location());
            context.addValidationMessage(m);
        }
    }
}
