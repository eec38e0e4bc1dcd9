package vn.ehealth.nhr.ig.validation;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's conformance suite: every valid example conforms to its profile, every invalid
 * example is refused for exactly the rule its file name names, and every profile has enough of
 * both.
 */
class GuideExampleConformanceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static GuideValidator validator;
    private static GuideExamples examples;

    @BeforeAll
    static void loadTheShippedGuide() {
        validator = GuideValidator.forShippedGuide(FHIR);
        examples = GuideExamples.fromClasspath();
    }

    @TestFactory
    Stream<DynamicTest> everyValidExampleConformsToItsProfile() {
        return examples.valid().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            IBaseResource resource = parse(e.getValue());
            GuideValidation result = validator.validate(resource);
            assertThat(result.errors())
                    .as("%s against %s:\n%s", e.getKey(), GuideValidator.profileFor(resource).orElse("base FHIR"),
                            describe(result))
                    .isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidExampleIsRefusedForTheRuleItNames() {
        return examples.invalid().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String rule = GuideExamples.expectedRule(e.getKey());
            GuideValidation result = validator.validate(parse(e.getValue()));
            assertThat(result.errors())
                    .as("%s must break %s; the validator said:\n%s", e.getKey(), rule, describe(result))
                    .anySatisfy(f -> assertThat(f.rule()).isEqualTo(rule));
            // the guide's own rules speak Vietnamese and English
            result.errors().stream().filter(f -> f.rule().equals(rule)).forEach(f -> {
                assertThat(f.message(MessageLanguage.VIETNAMESE)).isNotBlank();
                assertThat(f.message(MessageLanguage.ENGLISH)).isNotBlank();
            });
        }));
    }

    @Test
    void everyProfileHasAtLeastTwoValidAndThreeInvalidExamples() {
        Map<String, Integer> valid = countByProfile(examples.valid());
        Map<String, Integer> invalid = countByProfile(examples.invalid());
        for (String profile : NhrProfiles.all()) {
            assertThat(valid.getOrDefault(profile, 0)).as("valid examples of %s", profile).isGreaterThanOrEqualTo(2);
            assertThat(invalid.getOrDefault(profile, 0)).as("invalid examples of %s", profile).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyRuleOfTheGuideHasAVietnameseAndAnEnglishText() {
        assertThat(validator.rules().all()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.vietnamese()).as(rule.key()).isNotBlank();
            assertThat(rule.english()).as(rule.key() + " needs an English translation").isNotEqualTo(rule.vietnamese());
        });
    }

    private static Map<String, Integer> countByProfile(Map<String, byte[]> files) {
        Map<String, Integer> counts = new HashMap<>();
        files.values().forEach(bytes -> GuideValidator.profileFor(parse(bytes))
                .ifPresent(p -> counts.merge(p, 1, Integer::sum)));
        return counts;
    }

    private static IBaseResource parse(byte[] json) {
        return FHIR.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
    }

    static String describe(GuideValidation result) {
        return result.findings().stream()
                .map(f -> "  " + f.severity() + " [" + f.rule() + "] " + f.location() + ": " + f.english())
                .collect(Collectors.joining("\n"));
    }
}
