package vn.ehealth.nhr.terminology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseTextTest {

    @Test
    void foldsToneMarksVowelHatsAndTheLetterD() {
        assertThat(VietnameseText.fold("Nguyễn Văn Đức")).isEqualTo("nguyen van duc");
        assertThat(VietnameseText.fold("Đái tháo đường")).isEqualTo("dai thao duong");
        assertThat(VietnameseText.fold("Ơ Đu, Ê-đê, Xơ-Đăng")).isEqualTo("o du, e-de, xo-dang");
    }

    @Test
    void foldsComposedAndDecomposedInputToTheSameText() {
        String composed = "Nguy\u1ec5n";           // ễ as one code point
        String decomposed = "Nguye\u0302\u0303n";  // e + circumflex + tilde
        assertThat(VietnameseText.fold(composed)).isEqualTo(VietnameseText.fold(decomposed)).isEqualTo("nguyen");
    }

    @Test
    void collapsesWhitespaceAndKeepsNull() {
        assertThat(VietnameseText.fold("  Trần \t Thị\nLan ")).isEqualTo("tran thi lan");
        assertThat(VietnameseText.fold(null)).isNull();
    }

    @Test
    void comparesAccentedAndUnaccentedSpellings() {
        assertThat(VietnameseText.equalsFolded("Hà Nội", "ha noi")).isTrue();
        assertThat(VietnameseText.equalsFolded("Hà Nội", "Hải Phòng")).isFalse();
        assertThat(VietnameseText.containsFolded("Bệnh đái tháo đường type 2", "DAI THAO")).isTrue();
        assertThat(VietnameseText.containsFolded(null, "x")).isFalse();
    }
}
