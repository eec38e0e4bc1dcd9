package vn.ehealth.nhr.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * Where the server keeps files on this machine: the embedded database (when no external one is
 * configured) and the local Lucene index. Env: {@code NHR_DATA_DIR}.
 */
@Validated
@ConfigurationProperties("nhr")
public class NhrDataProperties {

    /** Data folder; created at start-up if missing. */
    @NotNull
    private Path dataDir = Path.of("data");

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }
}
