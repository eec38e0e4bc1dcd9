package vn.ehealth.nhr.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Behaviour of the FHIR REST endpoint. Env: {@code NHR_FHIR_DEFAULT_PAGE_SIZE},
 * {@code NHR_FHIR_MAX_PAGE_SIZE}, {@code NHR_FHIR_MAX_REQUEST_SIZE}, {@code NHR_FHIR_PUBLIC_BASE_URL}.
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

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public void setPublicBaseUrl(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }
}
