package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentSignatureTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Coding BACH_MAI = new Coding("http://fhir.ehealth.gov.vn/nhr/sid/facility-code", "01001", null);

    private static Signer hospital;
    private static Signer stranger;
    private static X509Certificate trustedCa;

    record Signer(PrivateKey key, List<X509Certificate> chain) {
    }

    @BeforeAll
    static void loadTestKeys() throws Exception {
        hospital = signer("signature/hospital.p12", "hospital");
        stranger = signer("signature/stranger.p12", "stranger");
        try (InputStream in = DocumentSignatureTest.class.getClassLoader().getResourceAsStream("signature/trusted-ca.pem")) {
            trustedCa = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void aDocumentSignedByATrustedFacilityVerifies() throws Exception {
        DocumentSignature signatures = new DocumentSignature(FHIR, List.of(trustedCa));
        Bundle signed = signatures.sign(document(), hospital.key(), hospital.chain(), BACH_MAI);

        // what travels is JSON: verify the parsed copy, as the server does
        Bundle received = FHIR.newJsonParser().parseResource(Bundle.class, FHIR.newJsonParser().encodeResourceToString(signed));
        assertThat(received.getSignature().getSigFormat()).isEqualTo("application/jose");
        assertThat(new String(received.getSignature().getData(), StandardCharsets.US_ASCII)).contains("..");
        assertThat(signatures.verify(received)).isEmpty();
    }

    @Test
    void aDocumentChangedAfterSigningIsRefused() throws Exception {
        DocumentSignature signatures = new DocumentSignature(FHIR, List.of(trustedCa));
        Bundle signed = signatures.sign(document(), hospital.key(), hospital.chain(), BACH_MAI);
        ((Patient) signed.getEntry().get(1).getResource()).getNameFirstRep().setText("Nguyễn Văn Ân");

        assertThat(signatures.verify(signed)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("nhr-doc-signature");
            assertThat(v.vietnamese()).contains("không khớp với nội dung");
        });
    }

    @Test
    void aSignerOutsideTheTrustAnchorsIsRefusedOnlyWhenAnchorsAreConfigured() throws Exception {
        Bundle signed = new DocumentSignature(FHIR, List.of()).sign(document(), stranger.key(), stranger.chain(), BACH_MAI);

        assertThat(new DocumentSignature(FHIR, List.of(trustedCa)).verify(signed))
                .singleElement().satisfies(v -> assertThat(v.english()).contains("not issued by a certification authority"));
        assertThat(new DocumentSignature(FHIR, List.of()).verify(signed)).isEmpty();
    }

    @Test
    void unsignedDocumentsPassAndGarbageSignaturesAreNamed() {
        DocumentSignature signatures = new DocumentSignature(FHIR, List.of(trustedCa));
        assertThat(signatures.verify(document())).isEmpty();

        Bundle garbage = document();
        garbage.getSignature().setSigFormat("application/jose").setData("not a jws".getBytes(StandardCharsets.US_ASCII));
        assertThat(signatures.verify(garbage)).singleElement()
                .satisfies(v -> assertThat(v.english()).contains("compact form with a detached payload"));
    }

    private static Bundle document() {
        Bundle b = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        b.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:0c8b7f9e-4d6a-4d1e-9a51-1f0e2b3c4d5e");
        b.setTimestampElement(new org.hl7.fhir.r4.model.InstantType("2026-10-08T10:00:00+07:00"));
        Composition c = new Composition();
        c.setTitle("Giấy ra viện");
        b.addEntry().setFullUrl("urn:uuid:1c8b7f9e-4d6a-4d1e-9a51-1f0e2b3c4d5e").setResource(c);
        Patient p = new Patient();
        p.addName().setText("Nguyễn Văn An");
        b.addEntry().setFullUrl("urn:uuid:2c8b7f9e-4d6a-4d1e-9a51-1f0e2b3c4d5e").setResource(p);
        return b;
    }

    private static Signer signer(String file, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = DocumentSignatureTest.class.getClassLoader().getResourceAsStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        Certificate[] chain = store.getCertificateChain(alias);
        return new Signer((PrivateKey) store.getKey(alias, "changeit".toCharArray()),
                Arrays.stream(chain).map(X509Certificate.class::cast).toList());
    }
}
