package vn.ehealth.nhr.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmartConfigurationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDocumentPointsAtTheKeycloakRealmsEndpoints() throws Exception {
        JsonNode document = json.readTree(json.writeValueAsString(
                SmartConfiguration.forKeycloakRealm(URI.create("https://id.ehealth.gov.vn/realms/nhr/"))));

        assertThat(document.get("issuer").asText()).isEqualTo("https://id.ehealth.gov.vn/realms/nhr");
        assertThat(document.get("authorization_endpoint").asText())
                .isEqualTo("https://id.ehealth.gov.vn/realms/nhr/protocol/openid-connect/auth");
        assertThat(document.get("token_endpoint").asText())
                .isEqualTo("https://id.ehealth.gov.vn/realms/nhr/protocol/openid-connect/token");
        assertThat(document.get("jwks_uri").asText())
                .isEqualTo("https://id.ehealth.gov.vn/realms/nhr/protocol/openid-connect/certs");
        assertThat(document.get("introspection_endpoint").asText()).endsWith("/protocol/openid-connect/token/introspect");
        assertThat(document.get("revocation_endpoint").asText()).endsWith("/protocol/openid-connect/revoke");
    }

    @Test
    void theDocumentHasTheFieldsSmartV2Requires() throws Exception {
        JsonNode document = json.readTree(json.writeValueAsString(
                SmartConfiguration.forKeycloakRealm(URI.create("http://localhost:8180/realms/nhr"))));

        assertThat(texts(document, "capabilities")).contains("launch-standalone", "client-public",
                "client-confidential-symmetric", "permission-v2", "context-standalone-patient", "sso-openid-connect");
        assertThat(texts(document, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(texts(document, "response_types_supported")).containsExactly("code");
        assertThat(texts(document, "grant_types_supported")).contains("authorization_code", "client_credentials");
        assertThat(texts(document, "scopes_supported")).contains("openid", "fhirUser", "launch/patient",
                "patient/*.rs", "user/*.cruds", "system/*.rs");
        assertThat(texts(document, "token_endpoint_auth_methods_supported")).contains("client_secret_basic");
        List<String> names = new ArrayList<>();
        document.fieldNames().forEachRemaining(names::add);
        assertThat(names).first().isEqualTo("issuer");
        assertThat(names).allMatch(name -> name.equals(name.toLowerCase()), "snake_case");
    }

    @Test
    void aMalformedAdvertisedScopeIsRefusedAtConstruction() {
        assertThatThrownBy(() -> SmartConfiguration.forKeycloakRealm(URI.create("https://id.example.vn/realms/nhr"),
                List.of("openid", "patient/*.sr"), SmartConfiguration.DEFAULT_CAPABILITIES))
                .isInstanceOf(InvalidSmartScopeException.class)
                .hasMessageContaining("patient/*.sr");
    }

    @Test
    void theRealmMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> SmartConfiguration.forKeycloakRealm(URI.create("realms/nhr")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> SmartConfiguration.forKeycloakRealm(URI.create("ftp://id.example.vn/realms/nhr")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmartConfiguration.forKeycloakRealm(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainPkceIsNeverOffered() {
        assertThatThrownBy(() -> new SmartConfiguration("https://i", "j", "a", "t", null, null, List.of(), List.of(),
                List.of(), List.of("code"), List.of(), List.of("S256", "plain")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
    }

    private static List<String> texts(JsonNode document, String field) {
        List<String> values = new ArrayList<>();
        document.get(field).forEach(node -> values.add(node.asText()));
        return values;
    }
}
