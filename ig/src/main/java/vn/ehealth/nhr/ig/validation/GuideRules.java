package vn.ehealth.nhr.ig.validation;

import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The guide's own named rules (the invariants of its StructureDefinitions) with their text in
 * Vietnamese ({@code constraint.human}) and English (a {@code translation} extension on it).
 * Validator findings quote only the key; this is where the words come from.
 */
public final class GuideRules {

    static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

    /** One invariant: key, Vietnamese text, English text (falls back to Vietnamese if missing). */
    public record Rule(String key, String vietnamese, String english, String expression) {
    }

    private final Map<String, Rule> byKey = new HashMap<>();

    GuideRules(Collection<StructureDefinition> definitions) {
        for (StructureDefinition sd : definitions) {
            if (!sd.getUrl().startsWith(NhrProfiles.CANONICAL) && !sd.getUrl().startsWith("http://fhir.ehealth.gov.vn/")) {
                continue;
            }
            for (ElementDefinition element : sd.getDifferential().getElement()) {
                for (ElementDefinition.ElementDefinitionConstraintComponent c : element.getConstraint()) {
                    String english = englishOf(c).orElse(c.getHuman());
                    byKey.putIfAbsent(c.getKey(), new Rule(c.getKey(), c.getHuman(), english, c.getExpression()));
                }
            }
        }
    }

    public Optional<Rule> rule(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Collection<Rule> all() {
        return byKey.values();
    }

    private static Optional<String> englishOf(ElementDefinition.ElementDefinitionConstraintComponent c) {
        for (Extension translation : c.getHumanElement().getExtensionsByUrl(TRANSLATION)) {
            Extension lang = translation.getExtensionByUrl("lang");
            Extension content = translation.getExtensionByUrl("content");
            if (lang != null && content != null && String.valueOf(lang.getValue().primitiveValue()).startsWith("en")) {
                return Optional.ofNullable(content.getValue().primitiveValue());
            }
        }
        return Optional.empty();
    }
}
