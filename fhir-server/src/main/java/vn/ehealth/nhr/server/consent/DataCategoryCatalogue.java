package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Coding;
import vn.ehealth.nhr.terminology.Icd10Vn;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The data categories of citizens' consents, read from the shipped CodeSystem
 * {@code vn-consent-data-category} (no list is repeated in code), and the mapping of a resource
 * onto them: by type ({@code resource-types}) and, for the sensitive categories, by the ICD-10
 * codes it carries anywhere ({@code icd10-ranges}; contained resources and Bundle entries too).
 */
public final class DataCategoryCatalogue {

    public static final String CODE_SYSTEM_ID = "vn-consent-data-category";
    public static final String ALL = "all";
    public static final String SYSTEM = NhrTerminology.CONSENT_DATA_CATEGORY_SYSTEM;

    private final Map<String, DataCategory> categories;
    private final FhirContext fhirContext;
    private final Set<String> sensitiveRoots;

    public DataCategoryCatalogue(FhirContext fhirContext, CodeSystem codeSystem) {
        this.fhirContext = fhirContext;
        Map<String, DataCategory> read = new LinkedHashMap<>();
        for (ConceptDefinitionComponent c : codeSystem.getConcept()) {
            String types = property(c, "resource-types");
            Set<String> typeSet = types == null ? Set.of()
                    : Arrays.stream(types.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            String english = c.getDesignation().stream().filter(d -> "en".equals(d.getLanguage()))
                    .map(d -> d.getValue()).findFirst().orElse(c.getDisplay());
            String labels = property(c, "security-labels");
            Set<String> labelSet = labels == null ? Set.of()
                    : Arrays.stream(labels.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            read.put(c.getCode(), new DataCategory(c.getCode(), c.getDisplay(), english, property(c, "parent"),
                    typeSet, Icd10Range.parseList(property(c, "icd10-ranges")), labelSet));
        }
        if (!read.containsKey(ALL)) {
            throw new IllegalStateException(CODE_SYSTEM_ID + " has no '" + ALL + "' concept");
        }
        this.categories = Map.copyOf(read);
        this.sensitiveRoots = sensitiveRoots(read.values());
    }

    /** The catalogue shipped in the terminology module. */
    public static DataCategoryCatalogue shipped(FhirContext fhirContext) {
        return new DataCategoryCatalogue(fhirContext, NhrTerminology.codeSystem(fhirContext, CODE_SYSTEM_ID));
    }

    public DataCategory category(String code) {
        return categories.get(code);
    }

    public boolean isKnown(String code) {
        return categories.containsKey(code);
    }

    /** True for a sensitive category: one carrying ICD-10 ranges, their parent ("sensitive"), or below them. */
    public boolean isSensitive(String code) {
        return sensitiveRoots.stream().anyMatch(root -> isSelfOrAncestor(root, code));
    }

    /** True when {@code ancestor} is {@code code} or one of its parents (transitively). */
    public boolean isSelfOrAncestor(String ancestor, String code) {
        String c = code;
        for (int guard = 0; c != null && guard < 20; guard++) {
            if (c.equals(ancestor)) {
                return true;
            }
            DataCategory dc = categories.get(c);
            c = dc == null ? null : dc.parent();
        }
        return false;
    }

    /**
     * What a resource is, for the consent rules: every category it falls in (with their
     * ancestors, always including "all"), and the sensitive categories its codes mark.
     */
    public ResourceCategories classify(IBaseResource resource) {
        String type = fhirContext.getResourceType(resource);
        Set<String> icd10 = icd10Codes(resource);
        Set<String> labels = securityLabels(resource);
        Set<String> direct = new LinkedHashSet<>();
        Set<String> sensitive = new LinkedHashSet<>();
        for (DataCategory c : categories.values()) {
            if (c.coversType(type)) {
                direct.add(c.code());
            }
            boolean byCode = !c.icd10Ranges().isEmpty() && icd10.stream().anyMatch(c::marksCode);
            boolean byLabel = c.securityLabels().stream().anyMatch(labels::contains);
            if (byCode || byLabel) {
                direct.add(c.code());
                sensitive.add(c.code());
            }
        }
        Set<String> all = new LinkedHashSet<>();
        for (String code : direct) {
            for (String c = code; c != null && all.add(c); ) {
                DataCategory dc = categories.get(c);
                c = dc == null ? null : dc.parent();
            }
        }
        all.add(ALL);
        return new ResourceCategories(type, all, sensitive, icd10);
    }

    private Set<String> icd10Codes(IBaseResource resource) {
        FhirTerser terser = fhirContext.newTerser();
        List<IBaseResource> all = new ArrayList<>();
        all.add(resource);
        all.addAll(terser.getAllEmbeddedResources(resource, true));
        Set<String> codes = new LinkedHashSet<>();
        for (IBaseResource r : all) {
            for (Coding coding : terser.getAllPopulatedChildElementsOfType(r, Coding.class)) {
                if (Icd10Vn.SYSTEM.equals(coding.getSystem()) && coding.hasCode()) {
                    codes.add(coding.getCode());
                }
            }
        }
        return codes;
    }

    /** The {@code system|code} of every security label on the resource (rule 5: HIV, PSY, R, V...). */
    private static Set<String> securityLabels(IBaseResource resource) {
        Set<String> labels = new LinkedHashSet<>();
        if (resource.getMeta() != null) {
            resource.getMeta().getSecurity().forEach(c -> labels.add(c.getSystem() + "|" + c.getCode()));
        }
        return labels;
    }

    /** Categories marking sensitive data, or their parent ("sensitive") when they have one. */
    private static Set<String> sensitiveRoots(java.util.Collection<DataCategory> categories) {
        Set<String> roots = new LinkedHashSet<>();
        for (DataCategory c : categories) {
            if (c.marksSensitiveData()) {
                roots.add(c.parent() != null ? c.parent() : c.code());
            }
        }
        return Set.copyOf(roots);
    }

    private static String property(ConceptDefinitionComponent c, String name) {
        return c.getProperty().stream().filter(p -> name.equals(p.getCode()) && p.hasValue())
                .map(p -> p.getValue().primitiveValue()).findFirst().orElse(null);
    }

    /** A resource seen through the catalogue. */
    public record ResourceCategories(String resourceType, Set<String> categories, Set<String> sensitive,
                                     Set<String> icd10Codes) {

        public boolean isSensitive() {
            return !sensitive.isEmpty();
        }
    }
}
