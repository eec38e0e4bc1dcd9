package vn.ehealth.nhr.terminology;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConformanceResourceFolderTest {

    @Test
    void aListedFileThatIsMissingFailsLoudlyWithItsPath() {
        ConformanceResourceFolder folder = new ConformanceResourceFolder("nhr/terminology", List.of("CodeSystem-nope.json"));
        assertThatThrownBy(() -> folder.readJson("CodeSystem-nope.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nhr/terminology/CodeSystem-nope.json");
    }

    @Test
    void folderNameIsNormalisedToEndWithASlash() {
        assertThat(new ConformanceResourceFolder("a/b", List.of()).folder()).isEqualTo("a/b/");
        assertThat(new ConformanceResourceFolder("a/b/", List.of()).folder()).isEqualTo("a/b/");
    }
}
