package vn.ehealth.nhr.loaders.xml130;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs envelopes as a facility's signing tool does (XML-DSig, enveloped, RSA-SHA256, the certificate
 * in KeyInfo, the Signature inside CHUKYDONVI), with a key pair and self-signed certificate made by
 * the JDK's keytool for the test.
 */
final class TestSigner {

    private final KeyStore.PrivateKeyEntry key;

    private TestSigner(KeyStore.PrivateKeyEntry key) {
        this.key = key;
    }

    /** A fresh RSA key and certificate with subject {@code dname}, in a keystore under {@code dir}. */
    static TestSigner generate(Path dir, String dname) throws Exception {
        Path store = dir.resolve("signer-" + System.nanoTime() + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", dname, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "test-only", "-keypass", "test-only").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "test-only".toCharArray());
        }
        return new TestSigner((KeyStore.PrivateKeyEntry) ks.getEntry("signer",
                new KeyStore.PasswordProtection("test-only".toCharArray())));
    }

    /** The envelope with its Signature written into CHUKYDONVI. */
    byte[] sign(byte[] envelope) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(envelope));
        Element chuKy = (Element) doc.getElementsByTagName("CHUKYDONVI").item(0);
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference("", f.newDigestMethod(DigestMethod.SHA256, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
        SignedInfo si = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        X509Certificate cert = (X509Certificate) key.getCertificate();
        f.newXMLSignature(si, kif.newKeyInfo(List.of(kif.newX509Data(List.of(cert)))))
                .sign(new DOMSignContext(key.getPrivateKey(), chuKy));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
