package vn.ehealth.nhr.server.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.net.URI;
import java.util.List;

/**
 * The {@code /.well-known/smart-configuration} document (SMART App Launch v2, "Conformance"),
 * serialisable as is with Jackson. Endpoints are those of a Keycloak realm
 * ({@code https://id.example.vn/realms/nhr}); {@code issuer} is the realm URL, the value the
 * server also checks in every token's {@code iss}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"issuer", "jwks_uri", "authorization_endpoint", "token_endpoint", "introspection_endpoint",
        "revocation_endpoint", "grant_types_supported", "token_endpoint_auth_methods_supported", "scopes_supported",
        "response_types_supported", "capabilities", "code_challenge_methods_supported"})
public record SmartConfiguration(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("capabilities") List<String> capabilities,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported) {

    /** The scopes the realm offers (the README's table): citizen app, staff, systems, OpenID. */
    public static final List<String> DEFAULT_SCOPES = List.of(
            "openid", "fhirUser", "profile", "launch/patient", "offline_access",
            "patient/*.rs", "user/*.cruds", "user/*.rs", "system/*.rs", "system/*.cruds");

    /**
     * What this server and its Keycloak realm support. Only a standalone launch (no EHR launch);
     * public clients with PKCE (the Sổ Sức khỏe app) and confidential clients with a client secret
     * (EMR systems, clinicians' web apps); v1 scopes are still read ({@link SmartScope}).
     */
    public static final List<String> DEFAULT_CAPABILITIES = List.of(
            "launch-standalone", "client-public", "client-confidential-symmetric", "sso-openid-connect",
            "context-standalone-patient", "permission-offline", "permission-patient", "permission-user",
            "permission-v1", "permission-v2");

    public SmartConfiguration {
        grantTypesSupported = List.copyOf(grantTypesSupported);
        tokenEndpointAuthMethodsSupported = List.copyOf(tokenEndpointAuthMethodsSupported);
        scopesSupported = List.copyOf(scopesSupported);
        responseTypesSupported = List.copyOf(responseTypesSupported);
        capabilities = List.copyOf(capabilities);
        codeChallengeMethodsSupported = List.copyOf(codeChallengeMethodsSupported);
        if (codeChallengeMethodsSupported.contains("plain")) {
            throw new IllegalArgumentException("SMART v2 forbids the PKCE method 'plain'; offer S256 only");
        }
    }

    /** The document for a Keycloak realm, with the default scopes and capabilities. */
    public static SmartConfiguration forKeycloakRealm(URI realmUrl) {
        return forKeycloakRealm(realmUrl, DEFAULT_SCOPES, DEFAULT_CAPABILITIES);
    }

    /**
     * The document for a Keycloak realm. Every advertised scope is checked with
     * {@link SmartScope#parse}: the server never advertises a scope it would refuse.
     */
    public static SmartConfiguration forKeycloakRealm(URI realmUrl, List<String> scopes, List<String> capabilities) {
        if (realmUrl == null || !realmUrl.isAbsolute()
                || !("https".equals(realmUrl.getScheme()) || "http".equals(realmUrl.getScheme()))
                || realmUrl.getRawQuery() != null || realmUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the Keycloak realm URL must be an absolute http(s) URL without query or fragment, "
                    + "like https://id.example.vn/realms/nhr; got " + realmUrl);
        }
        scopes.forEach(SmartScope::parse);
        String issuer = realmUrl.toString().replaceAll("/+$", "");
        String openIdConnect = issuer + "/protocol/openid-connect";
        return new SmartConfiguration(
                issuer,
                openIdConnect + "/certs",
                openIdConnect + "/auth",
                openIdConnect + "/token",
                openIdConnect + "/token/introspect",
                openIdConnect + "/revoke",
                List.of("authorization_code", "client_credentials", "refresh_token"),
                List.of("client_secret_basic", "client_secret_post"),
                scopes,
                List.of("code"),
                capabilities,
                List.of("S256"));
    }
}
