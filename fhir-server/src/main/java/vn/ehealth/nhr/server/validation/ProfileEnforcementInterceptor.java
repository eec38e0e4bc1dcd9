package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import vn.ehealth.nhr.server.security.ResourceKinds;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.Finding;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.Set;

/**
 * Holds every stored resource to the national guide: each create, update (including PATCH
 * results) and transaction or batch entry is validated against the VN profile of its type, whether
 * or not it declares it (types the guide does not profile: against base FHIR). A resource with an
 * error is refused with 422 and every finding, and nothing of the request is stored.
 *
 * <p>Registered on the storage layer, not the REST layer, so operations and background jobs that
 * write through the DAOs are held to the same rules.
 */
@Interceptor
public class ProfileEnforcementInterceptor extends StorageWriteRule {

    /**
     * Conformance, terminology and infrastructure resources: they define the rules (the guide's own
     * package installs them) or carry no patient data, and are validated by the tools that make them.
     */
    static final Set<String> NOT_VALIDATED = Set.of(
            "StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "SearchParameter",
            "ImplementationGuide", "OperationDefinition", "CapabilityStatement", "CompartmentDefinition",
            "StructureMap", "GraphDefinition", "MessageDefinition", "TerminologyCapabilities",
            "Subscription", "Binary", "Parameters", "AuditEvent");

    private final FhirContext fhirContext;
    private final GuideValidator validator;

    public ProfileEnforcementInterceptor(FhirContext fhirContext, GuideValidator validator) {
        this.fhirContext = fhirContext;
        this.validator = validator;
    }

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        if (NOT_VALIDATED.contains(resource.fhirType()) || isHapiMergeProvenance(resource, request)) {
            return;
        }
        GuideValidation result = validator.validate(resource);
        MessageLanguage language = RequestLanguage.of(request);
        String prefix = WriteValidationOutcome.locationPrefix(request, resource);
        if (result.hasErrors()) {
            OperationOutcome outcome = new OperationOutcome();
            // errors first, then the warnings that came with them
            new GuideValidation(result.errors()).addTo(outcome, language, prefix);
            new GuideValidation(result.findings().stream().filter(f -> !f.isError() && isWorthReporting(f)).toList())
                    .addTo(outcome, language, prefix);
            WriteValidationOutcome.refuse(fhirContext, outcome);
        }
        OperationOutcome warnings = new OperationOutcome();
        new GuideValidation(result.findings().stream().filter(ProfileEnforcementInterceptor::isWorthReporting).toList())
                .addTo(warnings, language, prefix);
        WriteValidationOutcome.keepWarnings(request, warnings);
    }

    /**
     * The Provenance HAPI writes for {@code Patient/$merge} (and reference replacement, their undo, and
     * the background job of a large merge): it keeps the request it answered as a contained
     * Parameters that nothing references, which base FHIR flags (dom-3). Refusing it would leave the
     * merge half done (HAPI has already moved the references), so HAPI's own record is not judged;
     * a Provenance a caller writes still is.
     */
    static boolean isHapiMergeProvenance(IBaseResource resource, RequestDetails request) {
        return "Provenance".equals(resource.fhirType()) && (!(request instanceof ServletRequestDetails)
                || MERGE_OPERATIONS.contains(ResourceKinds.operationName(request)));
    }

    static final Set<String> MERGE_OPERATIONS = Set.of("merge", "hapi.fhir.undo-merge", "hapi.fhir.replace-references");

    /** Information messages and the base specification's best-practice advice are not repeated on every write. */
    private static boolean isWorthReporting(Finding f) {
        return f.severity() == OperationOutcome.IssueSeverity.WARNING && !f.rule().startsWith("dom-");
    }
}
