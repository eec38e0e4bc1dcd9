package vn.ehealth.nhr.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The database. Without {@code url} the server uses an embedded H2 file database in the data
 * folder (zero setup, for laptops); production sets a PostgreSQL JDBC URL.
 * Env: {@code NHR_DB_URL}, {@code NHR_DB_USERNAME}, {@code NHR_DB_PASSWORD}, {@code NHR_DB_POOL_SIZE}.
 */
@Validated
@ConfigurationProperties("nhr.db")
public class NhrDatabaseProperties {

    /** JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:h2:file:…}); empty = embedded H2 in the data folder. */
    private String url;
    private String username;
    private String password;

    /** Maximum JDBC connections; HAPI needs at least a few for searches running beside writes. */
    @Min(2)
    @Max(500)
    private int poolSize = 10;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public boolean isExternal() {
        return url != null && !url.isBlank();
    }
}
