package vn.ehealth.nhr.terminology;

import org.hl7.fhir.r4.model.CodeSystem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sex and age restrictions of the Vietnamese ICD-10 list (appendices A3 and A4 of QĐ 4469),
 * read from the shipped code system's properties: which codes apply to one sex only or to an age
 * range only.
 */
public final class Icd10Restrictions {

    /** One code's restriction; a null bound means "no bound". Ages are in days, year = 365.25 days. */
    public record Restriction(String code, String display, String sex, Long ageMinDays, Long ageMaxDays) {
    }

    private final Map<String, Restriction> byCode = new HashMap<>();

    public Icd10Restrictions(CodeSystem icd10) {
        collect(icd10.getConcept());
    }

    /** The restriction of a dotted ICD-10 code, if it has one. */
    public Optional<Restriction> of(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    public int size() {
        return byCode.size();
    }

    private void collect(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            collect(c.getConcept());
            String sex = property(c, Icd10Vn.PROPERTY_SEX);
            String min = property(c, Icd10Vn.PROPERTY_AGE_MIN_DAYS);
            String max = property(c, Icd10Vn.PROPERTY_AGE_MAX_DAYS);
            if (sex != null || min != null || max != null) {
                byCode.put(c.getCode(), new Restriction(c.getCode(), c.getDisplay(), sex,
                        min == null ? null : Long.valueOf(min), max == null ? null : Long.valueOf(max)));
            } else if ("category".equals(property(c, Icd10Vn.PROPERTY_KIND)) && c.hasConcept()) {
                sharedByEverySubcategory(c).ifPresent(r -> byCode.put(c.getCode(), r));
            }
        }
    }

    /**
     * The appendices list subcategories (O80.0, O80.1, O80.8, O80.9, all "women only"); a record
     * coded with the category (O80), as hospitals sometimes write it, is bound by what every one of
     * its subcategories shares: the same sex, and the widest age range that still fits them all.
     */
    private Optional<Restriction> sharedByEverySubcategory(CodeSystem.ConceptDefinitionComponent category) {
        List<Restriction> children = category.getConcept().stream().map(c -> byCode.get(c.getCode())).toList();
        if (children.stream().anyMatch(java.util.Objects::isNull)) {
            return Optional.empty();
        }
        String sex = children.get(0).sex();
        boolean sameSex = sex != null && children.stream().allMatch(r -> sex.equals(r.sex()));
        boolean everyMin = children.stream().allMatch(r -> r.ageMinDays() != null);
        boolean everyMax = children.stream().allMatch(r -> r.ageMaxDays() != null);
        Long min = everyMin ? children.stream().map(Restriction::ageMinDays).min(Long::compare).orElse(null) : null;
        Long max = everyMax ? children.stream().map(Restriction::ageMaxDays).max(Long::compare).orElse(null) : null;
        if (!sameSex && min == null && max == null) {
            return Optional.empty();
        }
        return Optional.of(new Restriction(category.getCode(), category.getDisplay(), sameSex ? sex : null, min, max));
    }

    private static String property(CodeSystem.ConceptDefinitionComponent c, String name) {
        return c.getProperty().stream().filter(p -> p.getCode().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }
}
