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
            String sex = property(c, Icd10Vn.PROPERTY_SEX);
            String min = property(c, Icd10Vn.PROPERTY_AGE_MIN_DAYS);
            String max = property(c, Icd10Vn.PROPERTY_AGE_MAX_DAYS);
            if (sex != null || min != null || max != null) {
                byCode.put(c.getCode(), new Restriction(c.getCode(), c.getDisplay(), sex,
                        min == null ? null : Long.valueOf(min), max == null ? null : Long.valueOf(max)));
            }
            collect(c.getConcept());
        }
    }

    private static String property(CodeSystem.ConceptDefinitionComponent c, String name) {
        return c.getProperty().stream().filter(p -> p.getCode().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }
}
