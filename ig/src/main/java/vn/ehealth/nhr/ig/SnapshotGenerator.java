package vn.ehealth.nhr.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.fhirpath.FHIRPathEngine;
import org.hl7.fhir.utilities.validation.ValidationMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the snapshot of every StructureDefinition of the guide (authored as differentials)
 * with the FHIR core ProfileUtilities, and refuses the build when one cannot be generated, when
 * generation reports an error, or when an invariant's FHIRPath does not compile.
 */
final class SnapshotGenerator {

    private final FhirContext fhirContext;
    private final VersionCanonicalizer canonicalizer;

    SnapshotGenerator(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.canonicalizer = new VersionCanonicalizer(fhirContext);
    }

    /**
     * Returns the definitions with snapshots, in input order. {@code others} are the guide's other
     * conformance resources (value sets, code systems) that bindings point at.
     */
    List<StructureDefinition> generate(List<StructureDefinition> definitions, List<IBaseResource> others) {
        PrePopulatedValidationSupport guide = new PrePopulatedValidationSupport(fhirContext);
        others.forEach(guide::addResource);
        definitions.forEach(guide::addResource);
        IValidationSupport chain = new ValidationSupportChain(new DefaultProfileValidationSupport(fhirContext), guide,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
        WorkerContextValidationSupportAdapter worker = new WorkerContextValidationSupportAdapter(chain);
        FHIRPathEngine fhirPath = new FHIRPathEngine(worker);

        Map<String, StructureDefinition> done = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (StructureDefinition sd : dependencyOrder(definitions)) {
            List<ValidationMessage> messages = new ArrayList<>();
            StructureDefinition withSnapshot;
            try {
                org.hl7.fhir.r5.model.StructureDefinition derived =
                        canonicalizer.structureDefinitionToCanonical(sd.copy());
                org.hl7.fhir.r5.model.StructureDefinition base =
                        worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, derived.getBaseDefinition());
                if (base == null) {
                    problems.add(sd.getUrl() + ": unknown base definition " + derived.getBaseDefinition());
                    continue;
                }
                new ProfileUtilities(worker, messages, new ProfileKnowledgeWorkerR5(fhirContext))
                        .generateSnapshot(base, derived, derived.getUrl(), null, derived.getName());
                withSnapshot = (StructureDefinition) canonicalizer.structureDefinitionFromCanonical(derived);
            } catch (RuntimeException e) {
                problems.add(sd.getUrl() + ": snapshot generation failed: " + e.getMessage());
                continue;
            }
            for (ValidationMessage m : messages) {
                if (m.getLevel() == ValidationMessage.IssueSeverity.ERROR || m.getLevel() == ValidationMessage.IssueSeverity.FATAL) {
                    problems.add(sd.getUrl() + ": " + m.getLocation() + ": " + m.getMessage());
                }
            }
            if (!withSnapshot.hasSnapshot() || withSnapshot.getSnapshot().getElement().isEmpty()) {
                problems.add(sd.getUrl() + ": no snapshot was generated");
            }
            for (ElementDefinition element : sd.getDifferential().getElement()) {
                for (ElementDefinition.ElementDefinitionConstraintComponent c : element.getConstraint()) {
                    try {
                        fhirPath.parse(c.getExpression());
                    } catch (RuntimeException e) {
                        problems.add(sd.getUrl() + ": invariant " + c.getKey() + " does not compile: " + e.getMessage());
                    }
                    if (!c.hasHuman() || !c.hasSeverity()) {
                        problems.add(sd.getUrl() + ": invariant " + c.getKey() + " needs a severity and a human text");
                    }
                }
            }
            // later profiles built on this one must see its snapshot
            guide.addResource(withSnapshot);
            done.put(sd.getUrl(), withSnapshot);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The guide's StructureDefinitions have problems:\n  - "
                    + String.join("\n  - ", problems));
        }
        return definitions.stream().map(sd -> done.get(sd.getUrl())).toList();
    }

    /** Definitions whose base is another of the guide's definitions come after that base. */
    private static List<StructureDefinition> dependencyOrder(List<StructureDefinition> definitions) {
        Map<String, StructureDefinition> byUrl = new LinkedHashMap<>();
        definitions.forEach(sd -> byUrl.put(sd.getUrl(), sd));
        List<StructureDefinition> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (StructureDefinition sd : definitions) {
            place(sd, byUrl, placed, ordered, new HashSet<>());
        }
        return ordered;
    }

    private static void place(StructureDefinition sd, Map<String, StructureDefinition> byUrl, Set<String> placed,
                              List<StructureDefinition> ordered, Set<String> visiting) {
        if (placed.contains(sd.getUrl()) || !visiting.add(sd.getUrl())) {
            return;
        }
        StructureDefinition base = byUrl.get(sd.getBaseDefinition());
        if (base != null) {
            place(base, byUrl, placed, ordered, visiting);
        }
        // extensions used by a profile are generated first so their slices resolve
        for (ElementDefinition e : sd.getDifferential().getElement()) {
            for (ElementDefinition.TypeRefComponent type : e.getType()) {
                type.getProfile().forEach(p -> {
                    StructureDefinition used = byUrl.get(p.getValue());
                    if (used != null && used != sd) {
                        place(used, byUrl, placed, ordered, visiting);
                    }
                });
            }
        }
        placed.add(sd.getUrl());
        ordered.add(sd);
    }
}
