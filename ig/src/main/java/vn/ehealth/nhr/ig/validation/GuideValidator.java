package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import vn.ehealth.nhr.ig.NhrImplementationGuide;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates resources against the national guide, offline: the base FHIR R4 definitions, the
 * guide's NPM package (profiles with their snapshots, extensions, code systems, value sets) and
 * HAPI's in-memory terminology checks, behind one caching chain. The same validator serves the
 * server's write path, the build's conformance test, the benchmarks and vendors validating data
 * on their own machines.
 *
 * <p>Thread-safe; build one and share it (the first validation of each profile warms the caches).
 */
public final class GuideValidator {

    private final FhirContext fhirContext;
    private final ReusableInstanceValidators validators;
    private final GuideRules rules;

    private GuideValidator(FhirContext fhirContext, byte[] packageBytes, List<IValidationSupport> fallbacks) {
        this.fhirContext = fhirContext;
        PrePopulatedValidationSupport guide = new PrePopulatedValidationSupport(fhirContext);
        List<StructureDefinition> definitions = new ArrayList<>();
        List<ValueSet> valueSets = new ArrayList<>();
        List<CodeSystem> codeSystems = new ArrayList<>();
        for (IBaseResource resource : readPackage(fhirContext, packageBytes)) {
            guide.addResource(resource);
            if (resource instanceof StructureDefinition sd) {
                definitions.add(sd);
            } else if (resource instanceof ValueSet vs) {
                valueSets.add(vs);
            } else if (resource instanceof CodeSystem cs) {
                codeSystems.add(cs);
            }
        }
        this.rules = new GuideRules(definitions);

        List<IValidationSupport> modules = new ArrayList<>();
        modules.add(new DefaultProfileValidationSupport(fhirContext));
        modules.add(guide);
        modules.add(new GuideTerminologySupport(fhirContext, codeSystems, valueSets));
        modules.add(new CommonCodeSystemsTerminologyService(fhirContext));
        modules.add(new InMemoryTerminologyServerValidationSupport(fhirContext));
        modules.add(new SnapshotGeneratingValidationSupport(fhirContext));
        modules.addAll(fallbacks);
        ValidationSupportChain chain = new ValidationSupportChain(
                ValidationSupportChain.CacheConfiguration.defaultValues().setCacheSize(100_000),
                modules.toArray(IValidationSupport[]::new));

        this.validators = new ReusableInstanceValidators(fhirContext, chain);
    }

    /** The validator of the package shipped in the ig jar. */
    public static GuideValidator forShippedGuide(FhirContext fhirContext, IValidationSupport... fallbacks) {
        return new GuideValidator(fhirContext, NhrImplementationGuide.packageBytes(), List.of(fallbacks));
    }

    /** The validator of any build of the guide's package (tests use packages built on the fly). */
    public static GuideValidator forPackage(FhirContext fhirContext, byte[] packageBytes) {
        return new GuideValidator(fhirContext, packageBytes, List.of());
    }

    public FhirContext fhirContext() {
        return fhirContext;
    }

    public GuideRules rules() {
        return rules;
    }

    /** The profile the server holds this resource to (empty: base FHIR only). */
    public static Optional<String> profileFor(IBaseResource resource) {
        String bundleType = resource instanceof Bundle b && b.hasType() ? b.getType().toCode() : null;
        return NhrProfiles.profileFor(resource.fhirType(), bundleType);
    }

    /** Validates against the national profile of the resource's type (or base FHIR if none). */
    public GuideValidation validate(IBaseResource resource) {
        return validate(resource, profileFor(resource).orElse(null));
    }

    /** Validates against one profile (null: base FHIR and whatever the resource declares). */
    public GuideValidation validate(IBaseResource resource, String profileUrl) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage m : validators.validate(resource, profileUrl)) {
            if (!isAboutDocumentSignature(m) && !isAboutAMissingBindingSource(m)) {
                findings.add(toFinding(m));
            }
        }
        return new GuideValidation(findings);
    }

    /**
     * The FHIR validator's own check of Bundle signatures is "a work in progress" (its words); the
     * guide's rule nhr-doc-signature ({@code DocumentSignature}, applied by the server) is the one
     * that decides, so the validator's verdict on the signature value is left out.
     */
    private static boolean isAboutDocumentSignature(ValidationMessage m) {
        String id = m.getMessageId() == null ? "" : m.getMessageId();
        String text = m.getMessage() == null ? "" : m.getMessage();
        return id.startsWith("BUNDLE_SIGNATURE") || text.startsWith("Signature Verification is a work in progress");
    }

    /** A base-specification binding without a value set says nothing about the data. */
    private static boolean isAboutAMissingBindingSource(ValidationMessage m) {
        return "Terminology_TX_Binding_NoSource".equals(m.getMessageId());
    }

    private Finding toFinding(ValidationMessage m) {
        IssueSeverity severity = switch (m.getLevel() == null ? ValidationMessage.IssueSeverity.ERROR : m.getLevel()) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            default -> IssueSeverity.INFORMATION;
        };
        String messageId = m.getMessageId() == null ? "" : m.getMessageId();
        String english = m.getMessage();
        int hash = messageId.lastIndexOf('#');
        if (hash >= 0) {
            // an invariant: the guide's own rule (or the base spec's, e.g. "ele-1")
            String key = messageId.substring(hash + 1);
            Optional<GuideRules.Rule> rule = rules.rule(key);
            if (rule.isPresent()) {
                return new Finding(severity, IssueType.INVARIANT, key, m.getLocation(),
                        rule.get().vietnamese(), rule.get().english(), english);
            }
            return new Finding(severity, IssueType.INVARIANT, key, m.getLocation(),
                    CoreMessageTranslations.vietnamese(english).orElse(english), english, english);
        }
        return new Finding(severity, issueType(messageId), messageId.isEmpty() ? "fhir-structure" : messageId,
                m.getLocation(), CoreMessageTranslations.vietnamese(english).orElse(english), english, english);
    }

    private static IssueType issueType(String messageId) {
        if (messageId.startsWith("Validation_VAL_Profile_Minimum") || messageId.startsWith("Profile_VAL_MissingElement")) {
            return IssueType.REQUIRED;
        }
        if (messageId.startsWith("Terminology_") || messageId.startsWith("Unknown_Code")
                || messageId.startsWith("TX_")) {
            return IssueType.CODEINVALID;
        }
        if (messageId.startsWith("Type_Specific_Checks") || messageId.startsWith("Validation_VAL_Profile_Maximum")) {
            return IssueType.VALUE;
        }
        return IssueType.STRUCTURE;
    }

    private static List<IBaseResource> readPackage(FhirContext fhirContext, byte[] packageBytes) {
        try {
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(packageBytes));
            NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
            List<IBaseResource> resources = new ArrayList<>();
            for (Map.Entry<String, byte[]> file : folder.getContent().entrySet()) {
                String name = file.getKey();
                if (!name.endsWith(".json") || name.equals("package.json") || name.startsWith(".")) {
                    continue;
                }
                resources.add(fhirContext.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                        .parseResource(new String(file.getValue(), StandardCharsets.UTF_8)));
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException("The implementation-guide package cannot be read", e);
        }
    }
}
