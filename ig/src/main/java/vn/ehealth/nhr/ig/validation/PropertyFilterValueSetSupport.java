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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates codes against value sets that select concepts of one code system by property values
 * (one or more includes, each with {@code =} filters on properties)
 * ({@code filter property=level op="=" value=province}: the provinces of the administrative-unit
 * list). HAPI's in-memory terminology support filters only on code and display, so without this
 * module every such binding would fail offline; the server's database terminology does support
 * them, and this keeps the offline validator in agreement with it.
 */
final class PropertyFilterValueSetSupport implements IValidationSupport {

    private final FhirContext fhirContext;
    private final Map<String, List<ValueSet>> valueSetsByUrl;
    /** value set url → code → display, built on first use. */
    private final Map<String, Map<String, String>> members = new ConcurrentHashMap<>();

    PropertyFilterValueSetSupport(FhirContext fhirContext, List<ValueSet> guideValueSets) {
        this.fhirContext = fhirContext;
        Map<String, List<ValueSet>> byUrl = new HashMap<>();
        for (ValueSet vs : guideValueSets) {
            if (onlyPropertyEqualsFilters(vs)) {
                byUrl.computeIfAbsent(vs.getUrl(), k -> new java.util.ArrayList<>()).add(vs);
            }
        }
        this.valueSetsByUrl = byUrl;
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "NHR property-filter value sets";
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String url) {
        return valueSetsByUrl.containsKey(stripVersion(url));
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
                                             String system, String code, String display, String valueSetUrl) {
        if (valueSetUrl == null || !isValueSetSupported(context, valueSetUrl)) {
            return null;
        }
        return check(context, valueSetsByUrl.get(stripVersion(valueSetUrl)).get(0), system, code);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
                                                       String system, String code, String display, IBaseResource valueSet) {
        if (!(valueSet instanceof ValueSet vs) || !onlyPropertyEqualsFilters(vs)) {
            return null;
        }
        return check(context, vs, system, code);
    }

    private CodeValidationResult check(ValidationSupportContext context, ValueSet vs, String system, String code) {
        String includedSystem = vs.getCompose().getIncludeFirstRep().getSystem();
        if (system != null && vs.getCompose().getInclude().stream().noneMatch(i -> system.equals(i.getSystem()))) {
            return failure(code, system, vs);
        }
        Map<String, String> codes = members.computeIfAbsent(vs.getUrl(), u -> expand(context, vs));
        String memberDisplay = codes.get(code);
        if (memberDisplay == null) {
            return failure(code, includedSystem, vs);
        }
        return new CodeValidationResult().setCode(code).setDisplay(memberDisplay)
                .setCodeSystemVersion(vs.getCompose().getIncludeFirstRep().getVersion());
    }

    private CodeValidationResult failure(String code, String system, ValueSet vs) {
        return new CodeValidationResult()
                .setSeverity(IssueSeverity.ERROR)
                .setMessage("The code provided (" + system + "#" + code + ") was not found in the value set '"
                        + vs.getTitle() + "' (" + vs.getUrl() + ")");
    }

    private Map<String, String> expand(ValidationSupportContext context, ValueSet vs) {
        Map<String, String> codes = new HashMap<>();
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            IBaseResource fetched = context.getRootValidationSupport().fetchCodeSystem(include.getSystem());
            if (!(fetched instanceof CodeSystem cs)) {
                continue;
            }
            collect(cs.getConcept(), include.getFilter(), codes);
        }
        return codes;
    }

    private static void collect(List<CodeSystem.ConceptDefinitionComponent> concepts,
                                List<ValueSet.ConceptSetFilterComponent> filters, Map<String, String> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            boolean matches = filters.stream().allMatch(f -> concept.getProperty().stream()
                    .anyMatch(p -> p.getCode().equals(f.getProperty())
                            && Objects.equals(p.getValue().primitiveValue(), f.getValue())));
            if (matches) {
                into.put(concept.getCode(), concept.getDisplay());
            }
            collect(concept.getConcept(), filters, into);
        }
    }

    private static boolean onlyPropertyEqualsFilters(ValueSet vs) {
        if (!vs.hasCompose() || vs.getCompose().getInclude().isEmpty() || vs.getCompose().hasExclude()) {
            return false;
        }
        String system = vs.getCompose().getIncludeFirstRep().getSystem();
        return vs.getCompose().getInclude().stream().allMatch(include -> include.hasSystem()
                && include.getSystem().equals(system) && !include.hasConcept() && !include.hasValueSet()
                && include.hasFilter()
                && include.getFilter().stream().allMatch(f -> f.getOp() == ValueSet.FilterOperator.EQUAL
                && !List.of("concept", "code", "display").contains(f.getProperty())));
    }

    private static String stripVersion(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }
}
