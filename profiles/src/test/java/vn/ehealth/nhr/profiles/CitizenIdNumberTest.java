package vn.ehealth.nhr.profiles;

import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.CitizenIdNumber.Sex;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CitizenIdNumberTest {

    @Test
    void readsProvinceSexAndBirthYearFromTheDigits() {
        CitizenIdNumber man1985 = CitizenIdNumber.parse("001085012345").orElseThrow();
        assertThat(man1985.provinceCode()).isEqualTo("001");
        assertThat(man1985.sex()).isEqualTo(Sex.MALE);
        assertThat(man1985.birthYear()).isEqualTo(1985);

        CitizenIdNumber girl2003 = CitizenIdNumber.parse("079303000042").orElseThrow();
        assertThat(girl2003.sex()).isEqualTo(Sex.FEMALE);
        assertThat(girl2003.birthYear()).isEqualTo(2003);
    }

    @Test
    void refusesAnythingButTwelveDigits() {
        assertThat(CitizenIdNumber.check("00108501234")).singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("cccd-format");
                    assertThat(v.vietnamese()).contains("12 chữ số").contains("00108501234");
                    assertThat(v.english()).contains("exactly 12 digits");
                });
        assertThat(CitizenIdNumber.check("00108501234X")).extracting(RuleViolation::rule).containsExactly("cccd-format");
        assertThat(CitizenIdNumber.check(null)).extracting(RuleViolation::rule).containsExactly("cccd-format");
        assertThat(CitizenIdNumber.parse("0010850123456")).isEmpty();
    }

    @Test
    void refusesProvinceCodesOutsideTheRange() {
        assertThat(CitizenIdNumber.check("000085012345")).extracting(RuleViolation::rule).containsExactly("cccd-province");
        assertThat(CitizenIdNumber.check("097085012345")).extracting(RuleViolation::rule).containsExactly("cccd-province");
    }

    @Test
    void flagsSexAndBirthYearThatContradictTheRecord() {
        assertThat(CitizenIdNumber.checkAgainst("001085012345", Sex.MALE, LocalDate.of(1985, 4, 2))).isEmpty();

        assertThat(CitizenIdNumber.checkAgainst("001085012345", Sex.FEMALE, LocalDate.of(1986, 4, 2)))
                .extracting(RuleViolation::rule)
                .containsExactly("cccd-sex", "cccd-birth-year");
        assertThat(CitizenIdNumber.checkAgainst("001185012345", Sex.MALE, null).get(0).message("vi"))
                .contains("giới tính nữ");
        assertThat(CitizenIdNumber.checkAgainst("001185012345", Sex.MALE, null).get(0).message("en-GB"))
                .contains("encodes sex female");
    }

    @Test
    void unknownSexOrBirthDateIsNotHeldAgainstTheNumber() {
        assertThat(CitizenIdNumber.checkAgainst("001285012345", null, null)).isEmpty();
    }
}
