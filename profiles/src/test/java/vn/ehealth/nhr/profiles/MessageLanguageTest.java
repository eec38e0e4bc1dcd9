package vn.ehealth.nhr.profiles;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLanguageTest {

    @Test
    void vietnameseIsTheDefault() {
        assertThat(MessageLanguage.fromAcceptLanguage(null)).isEqualTo(MessageLanguage.VIETNAMESE);
        assertThat(MessageLanguage.fromAcceptLanguage("")).isEqualTo(MessageLanguage.VIETNAMESE);
        assertThat(MessageLanguage.fromAcceptLanguage("fr-FR,de;q=0.5")).isEqualTo(MessageLanguage.VIETNAMESE);
    }

    @Test
    void englishWhenTheCallerPrefersIt() {
        assertThat(MessageLanguage.fromAcceptLanguage("en")).isEqualTo(MessageLanguage.ENGLISH);
        assertThat(MessageLanguage.fromAcceptLanguage("en-US,en;q=0.9,vi;q=0.8")).isEqualTo(MessageLanguage.ENGLISH);
        assertThat(MessageLanguage.fromAcceptLanguage("fr, en;q=0.5")).isEqualTo(MessageLanguage.ENGLISH);
    }

    @Test
    void theHigherQualityWins() {
        assertThat(MessageLanguage.fromAcceptLanguage("en;q=0.3, vi;q=0.9")).isEqualTo(MessageLanguage.VIETNAMESE);
        assertThat(MessageLanguage.fromAcceptLanguage("vi-VN, en")).isEqualTo(MessageLanguage.VIETNAMESE);
    }
}
