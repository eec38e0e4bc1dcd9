package vn.ehealth.nhr.server.config;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Behaviour of the FHIR REST endpoint and its store. Env: {@code NHR_FHIR_DEFAULT_PAGE_SIZE},
 * {@code NHR_FHIR_MAX_PAGE_SIZE}, {@code NHR_FHIR_MAX_REQUEST_SIZE}, {@code NHR_FHIR_PUBLIC_BASE_URL},
 * {@code NHR_FHIR_SERVER_ID_STRATEGY}, {@code NHR_FHIR_SEARCH_RESULTS_EXPIRY}.
 */
@Validated
@ConfigurationProperties("nhr.fhir")
public class NhrFhirProperties {

    @Min(1)
    @Max(1000)
    private int defaultPageSize = 20;

    @Min(1)
    @Max(5000)
    private int maxPageSize = 200;

    /** Largest request body accepted; bigger bodies get 413 before anything is parsed. */
    @NotNull
    private DataSize maxRequestSize = DataSize.ofMegabytes(20);

    /** Public base URL written into links (behind a proxy); empty = taken from each request. */
    private String publicBaseUrl;

    /**
     * How the server names what it creates: sequence numbers of this database, or UUIDs, which stay
     * unique when provincial stores feed one national store (docs/SCALE.md 3.2).
     */
    @NotNull
    private ServerIdStrategy serverIdStrategy = ServerIdStrategy.SEQUENTIAL;

    /**
     * How long a search's result rows (HAPI's search cache, which serves its paging links) are kept:
     * a next-page link older than this answers 410. Every search writes such rows when the access
     * rules are on, so a busy store wants this short (docs/SCALE.md 3.3).
     */
    @NotNull
    @DurationMin(minutes = 1)
    private Duration searchResultsExpiry = Duration.ofHours(1);

    public enum ServerIdStrategy { SEQUENTIAL, UUID }

    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public ServerIdStrategy getServerIdStrategy() {
        return serverIdStrategy;
    }

    public void setServerIdStrategy(ServerIdStrategy serverIdStrategy) {
        this.serverIdStrategy = serverIdStrategy;
    }

    public Duration getSearchResultsExpiry() {
        return searchResultsExpiry;
    }

    public void setSearchResultsExpiry(Duration searchResultsExpiry) {
        this.searchResultsExpiry = searchResultsExpiry;
    }

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }
}
