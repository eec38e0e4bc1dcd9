package vn.ehealth.nhr.terminology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayMatchRankingTest {

    record Concept(String code, String display) {
    }

    @Test
    void theConceptNamedExactlyWhatWasTypedComesFirstThenPrefixesThenWholeWordsByLength() {
        List<Concept> matches = new ArrayList<>(List.of(
                new Concept("E10.3", "Bệnh đái tháo đường phụ thuộc insulin (có biến chứng mắt)"),
                new Concept("O24", "Đái tháo đường trong thai kỳ"),
                new Concept("E11", "Bệnh đái tháo đường không phụ thuộc insulin"),
                new Concept("E10-E14", "Đái tháo đường"),
                new Concept("E10", "Bệnh đái tháo đường phụ thuộc insulin")));

        matches.sort(DisplayMatchRanking.forFilter("dai thao duong", Concept::display, Concept::code));

        assertThat(matches).extracting(Concept::code).containsExactly("E10-E14", "O24", "E10", "E11", "E10.3");
    }

    @Test
    void ranksAreExactPrefixWordSubstringOther() {
        assertThat(DisplayMatchRanking.rank("lao", "lao")).isZero();
        assertThat(DisplayMatchRanking.rank("lao", "lao phoi")).isEqualTo(1);
        assertThat(DisplayMatchRanking.rank("lao", "benh lao phoi")).isEqualTo(2);
        assertThat(DisplayMatchRanking.rank("lao", "benh laodong")).isEqualTo(3);
        assertThat(DisplayMatchRanking.rank("lao", "viem phoi")).isEqualTo(4);
    }
}
