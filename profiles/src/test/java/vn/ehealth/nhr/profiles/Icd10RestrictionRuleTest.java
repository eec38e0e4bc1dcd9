package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.terminology.Icd10Restrictions;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10RestrictionRuleTest {

    private static Icd10RestrictionRule rule;

    @BeforeAll
    static void loadTheShippedList() {
        Icd10Restrictions restrictions = new Icd10Restrictions(Icd10Vn.codeSystem(FhirContext.forR4Cached()));
        assertThat(restrictions.size()).isGreaterThan(1000);
        rule = new Icd10RestrictionRule(restrictions);
    }

    @Test
    void aProstateDiagnosisForAWomanBreaksTheSexRestriction() {
        var problems = rule.check("N40", "female", LocalDate.of(1960, 1, 1), LocalDate.of(2026, 1, 1));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("nhr-cond-icd10-restriction");
            assertThat(p.vietnamese()).contains("N40", "nam", "nữ");
            assertThat(p.english()).contains("restricted to male");
        });
        assertThat(rule.check("N40", "male", LocalDate.of(1960, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty();
    }

    @Test
    void aNormalDeliveryCodedWithTheCategoryForAManBreaksTheSexRestriction() {
        // the appendix lists O80.0–O80.9 (all women only); the record uses the category O80
        var problems = rule.check("O80", "male", LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 1));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.vietnamese()).contains("O80", "nữ"));
        assertThat(rule.check("O80", "female", LocalDate.of(1995, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty();
        // a category whose subcategories differ is not restricted as a whole
        assertThat(rule.check("J18", "male", LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty();
    }

    @Test
    void aNeonatalDiagnosisForAnAdultBreaksTheAgeRestriction() {
        var problems = rule.check("P07.3", "male", LocalDate.of(1985, 4, 12), LocalDate.of(2026, 10, 1));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.vietnamese()).contains("P07.3", "41 tuổi"));
        assertThat(rule.check("P07.3", "female", LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21))).isEmpty();
    }

    @Test
    void unknownSexOrBirthDateAndUnrestrictedCodesAreNotChecked() {
        assertThat(rule.check("N40", "unknown", null, null)).isEmpty();
        assertThat(rule.check("P07.3", "male", null, null)).isEmpty();
        assertThat(rule.check("J18.9", "female", LocalDate.of(2020, 1, 1), null)).isEmpty();
    }
}
