package vn.ehealth.nhr.server.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Sign-in and access control. Env: {@code NHR_SECURITY_ISSUER_URI}, {@code NHR_SECURITY_JWK_SET_URI}, {@code NHR_SECURITY_AUDIENCE},
 * {@code NHR_SECURITY_CLOCK_SKEW}, {@code NHR_SECURITY_PSEUDONYM_KEY}, {@code NHR_SECURITY_ACCESS_RULES_ENABLED}.
 *
 * <p>With no issuer the server runs as an open sandbox (every request acts as an administrator),
 * which {@link SandboxModeGuard} allows only on the embedded database.
 */
@Validated
@ConfigurationProperties("nhr.security")
public class NhrSecurityProperties {

    /**
     * The Keycloak realm whose tokens are trusted, e.g. {@code https://id.example.vn/realms/nhr}; its
     * discovery document gives the JWKS. Empty: open sandbox (embedded database only).
     */
    private String issuerUri;

    /**
     * Where to fetch the realm's signing keys, when the issuer URL (the public one, in every token's
     * {@code iss}) is not reachable from the server, e.g. inside a container network. Empty: from the
     * issuer's discovery document.
     */
    private String jwkSetUri;

    public String getJwkSetUri() {
        return jwkSetUri;
    }

    public void setJwkSetUri(String jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    /** The {@code aud} every token must carry (the realm's audience mapper adds it). */
    @NotBlank
    private String audience = "nhr-fhir-server";

    /** Tolerance on {@code exp} and {@code nbf} for clocks that drift apart. */
    @NotNull
    private Duration clockSkew = Duration.ofSeconds(30);

    /**
     * Secret (at least 16 characters) keying the pseudonyms analysts see instead of CCCDs; changing
     * it breaks the links between earlier and later extracts. Required when an issuer is set.
     */
    private String pseudonymKey;

    /**
     * Apply the consent rules and write rules. Off only to measure their cost against plain HAPI on
     * the same data (tokens are still verified); never in production.
     */
    private boolean accessRulesEnabled = true;

    public boolean isAccessRulesEnabled() {
        return accessRulesEnabled;
    }

    public void setAccessRulesEnabled(boolean accessRulesEnabled) {
        this.accessRulesEnabled = accessRulesEnabled;
    }

    public boolean isSandbox() {
        return issuerUri == null || issuerUri.isBlank();
    }

    public String getIssuerUri() {
        return issuerUri;
    }

    public void setIssuerUri(String issuerUri) {
        this.issuerUri = issuerUri;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    public String getPseudonymKey() {
        return pseudonymKey;
    }

    public void setPseudonymKey(String pseudonymKey) {
        this.pseudonymKey = pseudonymKey;
    }
}
