package vn.ehealth.nhr.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.KeycloakTestServer.Token;
import vn.ehealth.nhr.server.support.KeycloakTestServer.TokenRequestFailed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The realm {@code nhr} (docker/keycloak/nhr-realm.json) in a real Keycloak: the claims the FHIR
 * server will rely on are in real tokens from the token endpoint. Does not start the FHIR server.
 */
class KeycloakRealmIT {

    static final String AUDIENCE = "nhr-fhir-server";
    static final String DEMO_PASSWORD = "demo-nhr-2025";

    static KeycloakTestServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakTestServer.get();
    }

    @Test
    void emrSystemTokenCarriesItsFacilityTheAudienceAndSystemScopes() {
        Token token = keycloak.clientCredentialsToken("emr-bach-mai", "emr-bach-mai-demo-secret");

        assertThat(token.claim("facility_code")).isEqualTo("01001");
        assertThat(token.strings("aud")).contains(AUDIENCE);
        assertThat(token.claim("iss")).isEqualTo(keycloak.issuer());
        assertThat(token.claim("azp")).isEqualTo("emr-bach-mai");
        assertThat(token.claim("sub")).isNotBlank();
        assertThat(token.scopes()).contains("system/*.rs", "system/*.cu")
                .noneMatch(s -> s.startsWith("patient/") || s.startsWith("user/"));
        assertThat(token.strings("roles")).contains("emr-system").doesNotContain("admin", "clinician");

        Token choRay = keycloak.clientCredentialsToken("emr-cho-ray", "emr-cho-ray-demo-secret");
        assertThat(choRay.claim("facility_code")).isEqualTo("79001");
        assertThat(choRay.strings("aud")).contains(AUDIENCE);
    }

    @Test
    void citizenAppTokenCarriesTheCccdAndTheCitizenRole() {
        Token an = keycloak.passwordToken("so-suc-khoe-app", "nguyen-van-an", DEMO_PASSWORD);

        assertThat(an.claim("cccd")).isEqualTo("001085012345");
        assertThat(an.strings("roles")).contains("citizen").doesNotContain("clinician", "admin", "analyst");
        assertThat(an.strings("aud")).contains(AUDIENCE);
        assertThat(an.claim("azp")).isEqualTo("so-suc-khoe-app");
        assertThat(an.scopes()).contains("patient/*.rs", "patient/Consent.cruds")
                .noneMatch(s -> s.startsWith("system/") || s.startsWith("user/"));
        assertThat(an.claim("facility_code")).isNull();
        assertThat(an.claim("practitioner_licence")).isNull();

        Token bich = keycloak.passwordToken("so-suc-khoe-app", "tran-thi-bich", DEMO_PASSWORD);
        assertThat(bich.claim("cccd")).isEqualTo("079301004567");
        assertThat(bich.claim("sub")).isNotEqualTo(an.claim("sub"));
    }

    @Test
    void clinicianTokenCarriesLicenceAndFacility() {
        Token cuong = keycloak.passwordToken("clinician-portal", "clinician-portal-demo-secret",
                "bs-le-van-cuong", DEMO_PASSWORD);
        assertThat(cuong.claim("practitioner_licence")).isEqualTo("000123/HNO-CCHN");
        assertThat(cuong.claim("facility_code")).isEqualTo("01001");
        assertThat(cuong.strings("roles")).contains("clinician");
        assertThat(cuong.strings("aud")).contains(AUDIENCE);
        assertThat(cuong.scopes()).contains("user/*.cruds");
        assertThat(cuong.claim("cccd")).isNull();

        Token dung = keycloak.passwordToken("clinician-portal", "clinician-portal-demo-secret",
                "bs-pham-thi-dung", DEMO_PASSWORD);
        assertThat(dung.claim("practitioner_licence")).isEqualTo("004567/HCM-CCHN");
        assertThat(dung.claim("facility_code")).isEqualTo("79001");
    }

    @Test
    void analystAndAdminTokensCarryTheirRoles() {
        Token analyst = keycloak.passwordToken("analytics-portal", "analytics-portal-demo-secret",
                "pt-vo-minh-khoa", DEMO_PASSWORD);
        assertThat(analyst.strings("roles")).contains("analyst").doesNotContain("admin");
        assertThat(analyst.scopes()).contains("user/*.rs").doesNotContain("user/*.cruds");
        assertThat(analyst.strings("aud")).contains(AUDIENCE);

        Token admin = keycloak.passwordToken("admin-console", "admin-console-demo-secret",
                "qt-dang-thu-ha", DEMO_PASSWORD);
        assertThat(admin.strings("roles")).contains("admin");
        assertThat(admin.scopes()).contains("user/*.cruds");
        assertThat(admin.strings("aud")).contains(AUDIENCE);
    }

    @Test
    void optionalResourceLevelScopeIsGrantedWhenAsked() {
        // optional client scopes are granted only when asked for; the scope claim carries what was granted
        Token an = keycloak.passwordToken("so-suc-khoe-app", "nguyen-van-an", DEMO_PASSWORD);
        assertThat(an.scopes()).doesNotContain("patient/Observation.rs");
        Token withObservation = keycloak.passwordTokenWithScope("so-suc-khoe-app", null, "nguyen-van-an",
                DEMO_PASSWORD, "openid patient/Observation.rs");
        assertThat(withObservation.scopes()).contains("patient/Observation.rs", "patient/*.rs");
    }

    @Test
    void wrongPasswordAndWrongSecretAreRefused() {
        // Keycloak 26 answers a wrong user password as RFC 6749 section 5.2 says: 400 invalid_grant ...
        assertThatThrownBy(() -> keycloak.passwordToken("so-suc-khoe-app", "nguyen-van-an", "not-the-password"))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("invalid_grant");
                });
        assertThatThrownBy(() -> keycloak.passwordToken("so-suc-khoe-app", "nobody", DEMO_PASSWORD))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        // ... and a wrong client secret (client authentication failed) as 401 (error unauthorized_client
        // in Keycloak 26, invalid_client in RFC 6749)
        assertThatThrownBy(() -> keycloak.clientCredentialsToken("emr-bach-mai", "emr-cho-ray-demo-secret"))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isIn("unauthorized_client", "invalid_client");
                });
        assertThatThrownBy(() -> keycloak.passwordToken("clinician-portal", "wrong-secret", "bs-le-van-cuong", DEMO_PASSWORD))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> assertThat(e.status()).isEqualTo(401));
        // EMR clients have no users and no password grant
        assertThatThrownBy(() -> keycloak.passwordToken("emr-bach-mai", "emr-bach-mai-demo-secret",
                "bs-le-van-cuong", DEMO_PASSWORD))
                .isInstanceOfSatisfying(TokenRequestFailed.class, e -> assertThat(e.status()).isIn(400, 401));
    }

    @Test
    void theRealmPublishesItsDiscoveryDocumentAndSigningKeys() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode discovery = json.readTree(keycloak.get(keycloak.issuer() + "/.well-known/openid-configuration"));
        assertThat(discovery.get("issuer").asText()).isEqualTo(keycloak.issuer());
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(keycloak.jwksUri());
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");

        JsonNode jwks = json.readTree(keycloak.get(keycloak.jwksUri()));
        assertThat(jwks.get("keys")).isNotEmpty();
        String kid = json.readTree(java.util.Base64.getUrlDecoder().decode(
                keycloak.clientCredentialsToken("emr-cho-ray", "emr-cho-ray-demo-secret").accessToken().split("\\.")[0]))
                .get("kid").asText();
        assertThat(jwks.get("keys").findValuesAsText("kid")).contains(kid);
    }
}
