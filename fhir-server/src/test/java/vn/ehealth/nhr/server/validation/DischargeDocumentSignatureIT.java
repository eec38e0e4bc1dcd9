package vn.ehealth.nhr.server.validation;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.DocumentSignature;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule nhr-doc-signature over HTTP: the test server trusts only the test CA (RunningServerTestBase). */
class DischargeDocumentSignatureIT extends RunningServerTestBase {

    private static final Coding BACH_MAI = new Coding("http://fhir.ehealth.gov.vn/nhr/sid/facility-code", "01001", null);
    private static KeyStore.PrivateKeyEntry hospital;
    private static KeyStore.PrivateKeyEntry stranger;

    @BeforeAll
    static void keys() throws Exception {
        hospital = entry("signature/hospital.p12", "hospital");
        stranger = entry("signature/stranger.p12", "stranger");
    }

    @Test
    void aDocumentSignedByATrustedHospitalIsStored() throws Exception {
        Bundle signed = sign(document("sig-ok"), hospital);

        Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(signed)).put("/Bundle/sig-ok");

        assertThat(response.statusCode()).as(response.asString()).isIn(200, 201);
    }

    @Test
    void aDocumentChangedAfterSigningIsRefused() throws Exception {
        Bundle signed = sign(document("sig-tampered"), hospital);
        signed.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Patient.class::isInstance)
                .map(Patient.class::cast).findFirst().orElseThrow().setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1985-04-13"));

        Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(signed)).put("/Bundle/sig-tampered");

        response.then().statusCode(422);
        assertThat(issues(response)).anySatisfy(issue -> {
            assertThat(ProfileValidationIT.ruleOf(issue)).isEqualTo("nhr-doc-signature");
            assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString().contains("không khớp");
        });
        fhirJson().get("/Bundle/sig-tampered").then().statusCode(404);
    }

    @Test
    void aDocumentSignedByAnUntrustedSignerIsRefused() throws Exception {
        Bundle signed = sign(document("sig-stranger"), stranger);

        Response response = fhirJson().header("Accept-Language", "en")
                .body(FHIR.newJsonParser().encodeResourceToString(signed)).put("/Bundle/sig-stranger");

        response.then().statusCode(422);
        assertThat(issues(response)).anySatisfy(issue -> assertThat(((Map<?, ?>) issue.get("details")).get("text"))
                .asString().contains("not issued by a certification authority this server trusts"));
    }

    private static Bundle document(String id) {
        byte[] json = GuideExamples.fromClasspath().valid().get("Bundle-an-giay-ra-vien-2026.json");
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, new String(json, StandardCharsets.UTF_8));
        b.setId(id);
        b.getIdentifier().setValue(b.getIdentifier().getValue() + "-" + id);
        return b;
    }

    private static Bundle sign(Bundle b, KeyStore.PrivateKeyEntry key) throws Exception {
        List<X509Certificate> chain = Arrays.stream(key.getCertificateChain()).map(X509Certificate.class::cast).toList();
        return new DocumentSignature(FHIR, List.of()).sign(b, key.getPrivateKey(), chain, BACH_MAI);
    }

    private static List<Map<String, Object>> issues(Response response) {
        return response.jsonPath().getList("issue");
    }

    private static KeyStore.PrivateKeyEntry entry(String file, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = DischargeDocumentSignatureIT.class.getClassLoader().getResourceAsStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection("changeit".toCharArray()));
    }
}
