package vn.ehealth.nhr.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** A misconfigured server refuses to start and says which setting is wrong. */
class BrokenConfigurationIT {

    @Test
    void aDatabaseUrlForAnUnsupportedDatabaseRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=jdbc:mysql://localhost:3306/nhr"))
                .satisfies(e -> assertThat(rootMessage(e))
                        .contains("NHR_DB_URL")
                        .contains("jdbc:mysql://localhost:3306/nhr"));
    }

    @Test
    void anOutOfRangePageSizeRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.fhir.default-page-size=0"))
                .satisfies(e -> assertThat(allMessages(e)).contains("nhr.fhir").contains("defaultPageSize"));
    }

    @Test
    void aSearchResultsExpiryUnderAMinuteRefusesToStart(@TempDir Path dataDir) {
        // page links would die while a client is still reading the first page
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.fhir.search-results-expiry=10s"))
                .satisfies(e -> assertThat(allMessages(e)).contains("nhr.fhir").contains("searchResultsExpiry"));
    }

    @Test
    void anUnknownServerIdStrategyRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.fhir.server-id-strategy=RANDOM"))
                .satisfies(e -> assertThat(allMessages(e)).contains("nhr.fhir.server-id-strategy").contains("RANDOM"));
    }

    @Test
    void anUnknownPartitioningModeRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.partitioning.mode=DISTRICT"))
                .satisfies(e -> assertThat(allMessages(e)).contains("nhr.partitioning.mode").contains("DISTRICT"));
    }

    @Test
    void anUnknownSearchIndexBackendRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.search-index.backend=solr"))
                .satisfies(e -> assertThat(allMessages(e)).contains("nhr.search-index.backend").contains("solr"));
    }

    @Test
    void anExternalDatabaseWithoutATokenIssuerRefusesToStart(@TempDir Path dataDir) {
        // the open sandbox (everyone an administrator) must never sit on a real database
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=jdbc:postgresql://127.0.0.1:5432/never-used", "--nhr.security.issuer-uri="))
                .satisfies(e -> assertThat(allMessages(e)).contains("NHR_SECURITY_ISSUER_URI").contains("open sandbox"));
    }

    @Test
    void anIssuerWithoutAPseudonymKeyRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--nhr.db.url=", "--nhr.security.issuer-uri=https://id.example.vn/realms/nhr"))
                .satisfies(e -> assertThat(allMessages(e)).contains("NHR_SECURITY_PSEUDONYM_KEY"));
    }

    private static void start(Path dataDir, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--server.port=0";
        args[1] = "--management.server.port=0";
        args[2] = "--nhr.data-dir=" + dataDir;
        System.arraycopy(extra, 0, args, 3, extra.length);
        SpringApplication.run(NhrServerApplication.class, args).close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String allMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
