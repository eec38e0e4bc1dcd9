package vn.ehealth.nhr.server.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.KeycloakTestServer;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;

/** Issue 5, rule 1 and "bad input and attacks": who gets in, with real Keycloak tokens. */
class SignInIT extends RunningServerTestBase {

    @Test
    void aRequestWithoutATokenIsRefusedWith401AndSaysHowToSignIn() {
        given(null).get("/Patient").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-login-required"))
                .body("issue[0].diagnostics", containsString("Authorization: Bearer"));
        given(null).header("Accept-Language", "en").get("/Encounter").then().statusCode(401)
                .body("issue[0].diagnostics", containsString("Sign-in required"));
    }

    @Test
    void theCapabilityStatementTheSmartConfigurationTheGuideAndTheCataloguesArePublic() {
        KeycloakTestServer keycloak = KeycloakTestServer.get();
        given(null).get("/metadata").then().statusCode(200)
                .body("rest[0].security.service[0].coding[0].code", equalTo("SMART-on-FHIR"))
                .body("rest[0].security.extension[0].extension.find { it.url == 'token' }.valueUri",
                        equalTo(keycloak.tokenEndpoint()));
        given(null).get("/.well-known/smart-configuration").then().statusCode(200)
                .body("issuer", equalTo(keycloak.issuer()))
                .body("token_endpoint", equalTo(keycloak.tokenEndpoint()))
                .body("code_challenge_methods_supported", hasItem("S256"));
        RestAssured.given().basePath("").header(NO_TOKEN, "1").get("/.well-known/smart-configuration").then().statusCode(200);
        RestAssured.given().basePath("").header(NO_TOKEN, "1").accept("text/html").get("/ig/").then().statusCode(200);
        given(null).get("/CodeSystem?url=http://hl7.org/fhir/sid/icd-10&_elements=url").then().statusCode(200)
                .body("entry.resource.url", hasItem("http://hl7.org/fhir/sid/icd-10"));
        given(null).get("/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10&code=A09.0").then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", containsString("dạ dày"));
        given(null).get("/ValueSet/$expand?url=http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-consent-data-category")
                .then().statusCode(200).body("expansion.contains.code", hasItem("mental-health"));
    }

    @Test
    void writingACatalogueOrLoadingACodeSystemNeedsMoreThanAnyToken() {
        given(null).body("{\"resourceType\":\"CodeSystem\",\"status\":\"draft\",\"content\":\"complete\",\"url\":\"urn:x\"}")
                .post("/CodeSystem").then().statusCode(401);
        given(TestTokens.bachMaiEmr()).body("{\"resourceType\":\"CodeSystem\",\"status\":\"draft\",\"content\":\"complete\",\"url\":\"urn:x\"}")
                .post("/CodeSystem").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-administrators-only"));
        given(TestTokens.clinicianBachMai())
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"system\",\"valueUri\":\"http://snomed.info/sct\"}]}")
                .post("/CodeSystem/$upload-external-code-system")
                .then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-administrators-only"));
    }

    @Test
    void forgedAndTamperedTokensAreRefusedWith401AndNothingIsStored() throws Exception {
        Patient patient = TestCitizens.man("Đỗ", "Văn Giả", 1980);
        String cccd = TestCitizens.cccdOf(patient);
        String real = TestTokens.administrator();

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("attacker").build(),
                new JWTClaimsSet.Builder().issuer(KeycloakTestServer.get().issuer()).audience("nhr-fhir-server")
                        .subject("attacker").claim("roles", List.of("admin")).claim("scope", "user/*.cruds")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        forged.sign(new RSASSASigner(otherKey));

        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String algNone = noneHeader + "." + parts[1] + ".";
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"admin\"", "\"admin\",\"citizen\"").getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + tamperedPayload + "." + parts[2];

        for (String token : List.of("not-a-jwt", forged.serialize(), algNone, tampered)) {
            given(token).body(json(patient)).post("/Patient").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].code", equalTo("login"));
        }
        asAdmin().get("/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd).then().statusCode(200)
                .body("entry", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPurposeOfUseOfEmergencyFromSomeoneWhoIsNotAClinicianIsRefused() {
        given(TestTokens.bachMaiEmr()).header(AccessContexts.PURPOSE_OF_USE_HEADER, "ETREAT")
                .header(AccessContexts.JUSTIFICATION_HEADER, "c%E1%BA%A5p%20c%E1%BB%A9u")
                .get("/Encounter?_count=1").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-break-the-glass-not-allowed"));
        given(TestTokens.clinicianBachMai()).header(AccessContexts.PURPOSE_OF_USE_HEADER, "ETREAT")
                .get("/Encounter?_count=1").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-emergency-justification-missing"));
    }
}
