package vn.ehealth.nhr.terminology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10CodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"A09.0", "A090", "a09.0", " A09.0\u2020 ", "A09.0*", "a090+"})
    void everySpellingOfASubcategoryNormalisesToTheDottedForm(String raw) {
        assertThat(Icd10Codes.normalise(raw)).contains("A09.0");
    }

    @Test
    void aCategoryKeepsNoDot() {
        assertThat(Icd10Codes.normalise("A09")).contains("A09");
        assertThat(Icd10Codes.normalise("e11*")).contains("E11");
    }

    @Test
    void fiveCharacterCodesOfTheVietnameseEditionGetTheirDot() {
        assertThat(Icd10Codes.normalise("M0100")).contains("M01.00");
        assertThat(Icd10Codes.normalise("M01.00*")).contains("M01.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "A0", "A09.", "A09.123", "1A09", "AA09", "A09-A10", "A09.X", "A 09"})
    void malformedCodesAreRejected(String raw) {
        assertThat(Icd10Codes.normalise(raw)).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThat(Icd10Codes.normalise(null)).isEmpty();
    }

    @Test
    void daggerAndAsteriskMarksAreRecognised() {
        assertThat(Icd10Codes.mark("E11.2\u2020")).contains(Icd10Codes.Mark.DAGGER);
        assertThat(Icd10Codes.mark("N08.3* ")).contains(Icd10Codes.Mark.ASTERISK);
        assertThat(Icd10Codes.mark("A09.0")).isEmpty();
        assertThat(Icd10Codes.Mark.DAGGER.code()).isEqualTo("dagger");
    }

    @Test
    void helpersSplitCodesAndRecogniseRanges() {
        assertThat(Icd10Codes.withoutDot("A09.0")).isEqualTo("A090");
        assertThat(Icd10Codes.category("A09.0")).isEqualTo("A09");
        assertThat(Icd10Codes.isCategory("A09")).isTrue();
        assertThat(Icd10Codes.isCategory("A09.0")).isFalse();
        assertThat(Icd10Codes.isRange("A00-B99")).isTrue();
        assertThat(Icd10Codes.isRange("A00")).isFalse();
    }
}
