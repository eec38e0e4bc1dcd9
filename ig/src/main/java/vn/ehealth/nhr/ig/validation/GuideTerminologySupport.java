package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks codes against the guide's own code systems (ICD-10 VN, administrative units, technical
 * services, vaccines…) and the value sets made of them, by looking the code up in an index built
 * once per code system and value set.
 *
 * <p>Why: HAPI's in-memory terminology support converts the whole code system to R5 and expands the
 * value set again for every code it has not seen before; for ICD-10 VN (8 MB, 12,433 concepts) that
 * is ~75 ms per new code, and a load sends a different code with almost every resource. Its cache
 * only helps with codes already seen.
 *
 * <p>It also selects concepts by property values ({@code filter property=level op="=" value=province}),
 * which HAPI's in-memory support cannot do (it filters on code and display only); the server's
 * database terminology does, and this keeps the offline validator in agreement with it.
 *
 * <p>Handled: the code systems of the guide whose content is complete, and guide value sets whose
 * includes each take from one such code system all its concepts, a list of concepts, or those with
 * property {@code =} filters (no excludes, no value-set imports). Anything else is left to the next
 * module of the chain (HAPI's in-memory support), which answers as before.
 */
final class GuideTerminologySupport implements IValidationSupport {

    private final FhirContext fhirContext;
    private final Map<String, CodeSystem> codeSystems = new HashMap<>();
    private final Map<String, ValueSet> valueSets = new HashMap<>();
    /** code system url → code → concept (nested concepts flattened), built on first use. */
    private final Map<String, Map<String, CodeSystem.ConceptDefinitionComponent>> concepts = new ConcurrentHashMap<>();
    /** value set url → "system|code" → concept, built on first use. */
    private final Map<String, Map<String, CodeSystem.ConceptDefinitionComponent>> members = new ConcurrentHashMap<>();

    GuideTerminologySupport(FhirContext fhirContext, List<CodeSystem> guideCodeSystems, List<ValueSet> guideValueSets) {
        this.fhirContext = fhirContext;
        for (CodeSystem cs : guideCodeSystems) {
            if (cs.hasUrl() && cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE && !cs.hasSupplements()) {
                codeSystems.put(cs.getUrl(), cs);
            }
        }
        for (ValueSet vs : guideValueSets) {
            if (vs.hasUrl() && isMadeOfGuideCodeSystems(vs)) {
                valueSets.put(vs.getUrl(), vs);
            }
        }
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "NHR guide terminology";
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
        return system != null && codeSystems.containsKey(stripVersion(system));
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String url) {
        return url != null && valueSets.containsKey(stripVersion(url));
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        if (valueSetUrl != null) {
            ValueSet vs = valueSets.get(stripVersion(valueSetUrl));
            return vs == null ? null : checkInValueSet(vs, system, code, display);
        }
        CodeSystem cs = system == null ? null : codeSystems.get(stripVersion(system));
        if (cs == null) {
            return null;
        }
        CodeSystem.ConceptDefinitionComponent concept = conceptsOf(cs).get(key(cs, code));
        if (concept == null) {
            return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
                    .setMessage("Unknown code '" + system + "#" + code + "' in the CodeSystem '" + cs.getUrl()
                            + "' version '" + cs.getVersion() + "'");
        }
        return found(cs, concept, code, display);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
                                                       String system, String code, String display, IBaseResource valueSet) {
        if (!(valueSet instanceof ValueSet vs) || !isMadeOfGuideCodeSystems(vs)) {
            return null;
        }
        return checkInValueSet(vs, system, code, display);
    }

    private CodeValidationResult checkInValueSet(ValueSet vs, String system, String code, String display) {
        Map<String, CodeSystem.ConceptDefinitionComponent> included = members.computeIfAbsent(vs.getUrl(), u -> expand(vs));
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            if (system != null && !system.equals(include.getSystem())) {
                continue;
            }
            CodeSystem cs = codeSystems.get(include.getSystem());
            CodeSystem.ConceptDefinitionComponent concept = included.get(include.getSystem() + "|" + key(cs, code));
            if (concept != null) {
                return found(cs, concept, code, display);
            }
        }
        String shown = (system == null ? vs.getCompose().getIncludeFirstRep().getSystem() : system) + "#" + code;
        return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
                .setMessage("The code provided (" + shown + ") was not found in the value set '" + vs.getTitle()
                        + "' (" + vs.getUrl() + ")");
    }

    /** The concept, with a warning (as HAPI gives) when the display sent is none of its names. */
    private static CodeValidationResult found(CodeSystem cs, CodeSystem.ConceptDefinitionComponent concept, String code,
                                              String display) {
        CodeValidationResult result = new CodeValidationResult().setCode(concept.getCode()).setDisplay(concept.getDisplay())
                .setCodeSystemName(cs.getName()).setCodeSystemVersion(cs.getVersion());
        if (display != null && !display.isBlank() && !namesOf(concept).contains(normalise(display))) {
            result.setSeverity(IssueSeverity.WARNING).setMessage("Concept Display \"" + display
                    + "\" does not match expected \"" + concept.getDisplay() + "\" for '" + cs.getUrl() + "#" + code + "'");
        }
        return result;
    }

    private static Set<String> namesOf(CodeSystem.ConceptDefinitionComponent concept) {
        Set<String> names = concept.getDesignation().stream().map(d -> normalise(d.getValue()))
                .collect(Collectors.toSet());
        names.add(normalise(concept.getDisplay()));
        return names;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private Map<String, CodeSystem.ConceptDefinitionComponent> conceptsOf(CodeSystem cs) {
        return concepts.computeIfAbsent(cs.getUrl(), u -> {
            Map<String, CodeSystem.ConceptDefinitionComponent> index = new HashMap<>();
            flatten(cs, cs.getConcept(), index);
            return index;
        });
    }

    private static void flatten(CodeSystem cs, List<CodeSystem.ConceptDefinitionComponent> list,
                                Map<String, CodeSystem.ConceptDefinitionComponent> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : list) {
            into.putIfAbsent(key(cs, concept.getCode()), concept);
            flatten(cs, concept.getConcept(), into);
        }
    }

    private Map<String, CodeSystem.ConceptDefinitionComponent> expand(ValueSet vs) {
        Map<String, CodeSystem.ConceptDefinitionComponent> out = new HashMap<>();
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            CodeSystem cs = codeSystems.get(include.getSystem());
            Map<String, CodeSystem.ConceptDefinitionComponent> all = conceptsOf(cs);
            if (include.hasConcept()) {
                for (ValueSet.ConceptReferenceComponent listed : include.getConcept()) {
                    CodeSystem.ConceptDefinitionComponent concept = all.get(key(cs, listed.getCode()));
                    if (concept != null) {
                        out.put(include.getSystem() + "|" + key(cs, listed.getCode()), concept);
                    }
                }
            } else {
                all.forEach((code, concept) -> {
                    if (include.getFilter().stream().allMatch(f -> hasProperty(concept, f.getProperty(), f.getValue()))) {
                        out.put(include.getSystem() + "|" + code, concept);
                    }
                });
            }
        }
        return out;
    }

    private static boolean hasProperty(CodeSystem.ConceptDefinitionComponent concept, String property, String value) {
        return concept.getProperty().stream()
                .anyMatch(p -> p.getCode().equals(property) && Objects.equals(p.getValue().primitiveValue(), value));
    }

    /** Includes that each take a guide code system whole, a list of its concepts, or its concepts with property = value. */
    private boolean isMadeOfGuideCodeSystems(ValueSet vs) {
        if (!vs.hasCompose() || vs.getCompose().getInclude().isEmpty() || vs.getCompose().hasExclude()) {
            return false;
        }
        return vs.getCompose().getInclude().stream().allMatch(include -> include.hasSystem()
                && codeSystems.containsKey(include.getSystem())
                && (!include.hasVersion() || include.getVersion().equals(codeSystems.get(include.getSystem()).getVersion()))
                && !include.hasValueSet()
                && !(include.hasConcept() && include.hasFilter())
                && include.getFilter().stream().allMatch(f -> f.getOp() == ValueSet.FilterOperator.EQUAL
                && !List.of("concept", "code", "display").contains(f.getProperty())));
    }

    /** Codes of a case-insensitive code system match in any case. */
    private static String key(CodeSystem cs, String code) {
        return cs != null && cs.hasCaseSensitive() && !cs.getCaseSensitive() ? code.toLowerCase(Locale.ROOT) : code;
    }

    private static String stripVersion(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }
}
