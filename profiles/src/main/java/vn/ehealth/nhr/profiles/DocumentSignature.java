package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import org.erdtman.jcs.JsonCanonicalizer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The signature of a discharge document (rule {@code nhr-doc-signature}).
 *
 * <p>{@code Bundle.signature.data} holds a JWS (RFC 7515, compact form, base64-encoded as FHIR
 * requires) with a <em>detached</em> payload: the Bundle without {@code id}, {@code meta} and
 * {@code signature}, serialised as FHIR JSON and canonicalised by RFC 8785 (JCS). The JWS header
 * carries the signer's certificate chain ({@code x5c}); {@code sigFormat} is
 * {@code application/jose}. The server checks the signature against the leaf certificate, the
 * certificate's validity at signing time, and, when trust anchors are configured (the Ministry's
 * or the national CA's certificates), that the chain leads to one of them.
 */
public final class DocumentSignature {

    public static final String RULE = "nhr-doc-signature";
    public static final String SIG_FORMAT = "application/jose";
    /** ASTM E1762 "Author's Signature". */
    public static final Coding AUTHOR_SIGNATURE = new Coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.1", "Author's Signature");

    private final FhirContext fhirContext;
    private final Set<TrustAnchor> trustAnchors;

    /** @param trustAnchors certificates a signer's chain must lead to; empty: integrity is checked, trust is not */
    public DocumentSignature(FhirContext fhirContext, List<X509Certificate> trustAnchors) {
        this.fhirContext = fhirContext;
        Set<TrustAnchor> anchors = new HashSet<>();
        trustAnchors.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        this.trustAnchors = anchors;
    }

    public boolean checksTrust() {
        return !trustAnchors.isEmpty();
    }

    /** Problems of the Bundle's signature; none when it carries no signature. */
    public List<RuleViolation> verify(Bundle document) {
        List<RuleViolation> problems = new ArrayList<>();
        if (!document.hasSignature()) {
            return problems;
        }
        Signature signature = document.getSignature();
        if (!SIG_FORMAT.equals(signature.getSigFormat()) || !signature.hasData()) {
            problems.add(violation("Chữ ký của tài liệu phải là JWS: sigFormat = application/jose và data chứa JWS",
                    "The document signature must be a JWS: sigFormat = application/jose and data holding the JWS"));
            return problems;
        }
        try {
            String compact = new String(signature.getData(), StandardCharsets.US_ASCII).trim();
            String[] parts = compact.split("\\.", -1);
            if (parts.length != 3 || !parts[1].isEmpty()) {
                problems.add(violation("Chữ ký JWS phải ở dạng rút gọn với nội dung tách rời (header..chữ ký)",
                        "The JWS must be in compact form with a detached payload (header..signature)"));
                return problems;
            }
            JWSObject jws = new JWSObject(new Base64URLPart(parts[0]).value, new Payload(canonicalContent(document)),
                    new Base64URLPart(parts[2]).value);
            List<X509Certificate> chain = chainOf(jws.getHeader());
            if (chain.isEmpty()) {
                problems.add(violation("Header của JWS phải mang chuỗi chứng thư số của người ký (x5c)",
                        "The JWS header must carry the signer's certificate chain (x5c)"));
                return problems;
            }
            X509Certificate signer = chain.get(0);
            if (!jws.verify(verifierFor(signer))) {
                problems.add(violation("Chữ ký số không khớp với nội dung tài liệu: tài liệu đã bị sửa sau khi ký hoặc chữ ký sai",
                        "The signature does not match the document: it was changed after signing, or the signature is wrong"));
                return problems;
            }
            Date when = signature.hasWhen() ? signature.getWhen() : new Date();
            try {
                signer.checkValidity(when);
            } catch (GeneralSecurityException e) {
                problems.add(violation("Chứng thư số của người ký không còn hiệu lực vào thời điểm ký (" + signature.getWhenElement().getValueAsString() + ")",
                        "The signer's certificate was not valid at signing time (" + signature.getWhenElement().getValueAsString() + ")"));
            }
            if (!trustAnchors.isEmpty() && !isTrusted(chain, when)) {
                problems.add(violation("Chứng thư số của người ký không do tổ chức chứng thực được máy chủ tin cậy cấp (" + signer.getSubjectX500Principal().getName() + ")",
                        "The signer's certificate is not issued by a certification authority this server trusts (" + signer.getSubjectX500Principal().getName() + ")"));
            }
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            problems.add(violation("Không đọc được chữ ký JWS: " + e.getMessage(), "The JWS signature cannot be read: " + e.getMessage()));
        }
        return problems;
    }

    /**
     * Signs a document the way {@link #verify} checks it (for vendors' tooling and tests): sets
     * {@code Bundle.signature} with a JWS over the canonical content.
     */
    public Bundle sign(Bundle document, PrivateKey key, List<X509Certificate> chain, Coding who) throws JOSEException {
        document.setSignature(null);
        JWSAlgorithm algorithm = key instanceof ECPrivateKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        List<Base64> x5c = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                x5c.add(Base64.encode(c.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new JOSEException("certificate cannot be encoded", e);
            }
        }
        JWSObject jws = new JWSObject(new JWSHeader.Builder(algorithm).x509CertChain(x5c).build(),
                new Payload(canonicalContent(document)));
        JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
        jws.sign(signer);
        String detached = jws.serialize(true);
        Signature signature = new Signature();
        signature.addType(AUTHOR_SIGNATURE.copy());
        signature.setWhenElement(InstantType.now());
        signature.getWho().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(who.getSystem()).setValue(who.getCode()));
        signature.setSigFormat(SIG_FORMAT);
        signature.setData(detached.getBytes(StandardCharsets.US_ASCII));
        document.setSignature(signature);
        return document;
    }

    /** The signed bytes: the Bundle without id, meta and signature, FHIR JSON canonicalised by RFC 8785. */
    public byte[] canonicalContent(Bundle document) {
        Bundle copy = document.copy();
        copy.setId((String) null);
        copy.setMeta(null);
        copy.setSignature(null);
        String json = fhirContext.newJsonParser().setPrettyPrint(false).encodeResourceToString(copy);
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("the document cannot be canonicalised: " + e.getMessage(), e);
        }
    }

    private boolean isTrusted(List<X509Certificate> chain, Date when) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false); // revocation needs the CA's OCSP/CRL: a deployment setting, not here
            parameters.setDate(when);
            List<X509Certificate> path = chain.stream().filter(c -> trustAnchors.stream()
                    .noneMatch(a -> a.getTrustedCert().equals(c))).toList();
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> chainOf(JWSHeader header) {
        List<X509Certificate> chain = new ArrayList<>();
        if (header.getX509CertChain() != null) {
            for (Base64 der : header.getX509CertChain()) {
                X509Certificate c = X509CertUtils.parse(der.decode());
                if (c != null) {
                    chain.add(c);
                }
            }
        }
        return chain;
    }

    private static JWSVerifier verifierFor(X509Certificate certificate) throws JOSEException {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return new ECDSAVerifier(ec);
        }
        throw new JOSEException("unsupported key type " + certificate.getPublicKey().getAlgorithm());
    }

    private static RuleViolation violation(String vietnamese, String english) {
        return new RuleViolation(RULE, vietnamese, english);
    }

    /** A base64url part of a compact JWS. */
    private record Base64URLPart(com.nimbusds.jose.util.Base64URL value) {
        Base64URLPart(String encoded) {
            this(new com.nimbusds.jose.util.Base64URL(encoded));
        }
    }
}
