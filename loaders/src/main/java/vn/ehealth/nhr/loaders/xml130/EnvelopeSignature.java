package vn.ehealth.nhr.loaders.xml130;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks {@code CHUKYDONVI}, the facility's XML signature over its envelope (XML-DSig, enveloped,
 * the signer's certificate in {@code KeyInfo}), with the JDK's {@code javax.xml.crypto}.
 *
 * <p>That API verifies a DOM only, and the DOM of an envelope costs several times its size in heap;
 * so envelopes up to {@link #limitBytes()} are verified, larger ones are scanned (streamed) for a
 * signature and reported as signed but not verified. Whether the certificate comes from a trusted
 * CA (the national CA of digital signatures) is not checked: there is no trust store to check it against.
 */
public final class EnvelopeSignature {

    /** Default size up to which an envelope's signature is verified (DOM in memory). */
    public static final long DEFAULT_LIMIT_BYTES = 32L << 20;

    public enum Status { ABSENT, VALID, BROKEN, NOT_VERIFIED }

    /** The verdict; {@code signer} is the certificate's subject when known. */
    public record Result(Status status, String signer, String vietnamese, String english) {

        /** The report line: a refusal of the whole envelope when BROKEN, a note otherwise. */
        public Xml130Problem line() {
            return new Xml130Problem(null, null, "CHUKYDONVI", vietnamese, english);
        }
    }

    private final long limitBytes;

    public EnvelopeSignature(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Opens the envelope again for each pass. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    /** The signature of an envelope file; null when the file is not an envelope (or not XML: the reader says so). */
    public Result check(Path file) throws IOException {
        return check(() -> Files.newInputStream(file), Files.size(file));
    }

    /** The signature of an envelope in memory (the server's request body); null when not an envelope. */
    public Result check(byte[] body) {
        try {
            return check(() -> new ByteArrayInputStream(body), body.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result check(Source source, long size) throws IOException {
        if (size <= limitBytes) {
            Document doc = parse(source);
            if (doc != null) {
                return verify(doc);
            }
        }
        // too large for a DOM, or not parsed as one (e.g. an encoding the DOM parser lacks): scan as a stream
        try (InputStream in = source.open()) {
            return scan(in, size);
        }
    }

    /** Only whether a signature is there, reading as a stream. */
    private Result scan(InputStream in, long size) {
        XMLStreamReader xml = null;
        try {
            xml = SafeXml.open(in);
            if (!Xml130Reader.ENVELOPE_ROOT.equalsIgnoreCase(TableXmlReader.root(xml))) {
                return null;
            }
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "Signature".equals(xml.getLocalName())
                        && XMLSignature.XMLNS.equals(xml.getNamespaceURI())) {
                    long mb = size >> 20;
                    long limitMb = limitBytes >> 20;
                    return size > limitBytes
                            ? new Result(Status.NOT_VERIFIED, null,
                                    "có chữ ký nhưng không kiểm tra: hồ sơ gửi " + mb + " MB, lớn hơn giới hạn kiểm tra chữ ký " + limitMb + " MB",
                                    "signed but not verified: the envelope is " + mb + " MB, above the " + limitMb + " MB signature-check limit")
                            : new Result(Status.NOT_VERIFIED, null, "có chữ ký nhưng không kiểm tra được: trình phân tích DOM không đọc được hồ sơ gửi",
                                    "signed but not verified: the DOM parser cannot read the envelope");
                }
            }
            return absent();
        } catch (XMLStreamException e) {
            return null;
        } finally {
            close(xml);
        }
    }

    private static Document parse(Source source) throws IOException {
        try (InputStream in = source.open()) {
            DocumentBuilder builder = parser().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder.parse(in);
        } catch (SAXException | ParserConfigurationException | java.io.UnsupportedEncodingException e) {
            return null;
        }
    }

    private static Result verify(Document doc) {
        if (!Xml130Reader.ENVELOPE_ROOT.equalsIgnoreCase(doc.getDocumentElement().getLocalName())) {
            return null;
        }
        NodeList signatures = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() == 0) {
            return absent();
        }
        if (signatures.getLength() > 1) {
            return broken("có " + signatures.getLength() + " chữ ký (chỉ được 1)",
                    signatures.getLength() + " signatures (only 1 allowed)");
        }
        return validate((Element) signatures.item(0));
    }

    /** Parse errors end the parse (the caller falls back to the stream); nothing printed to stderr. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not an error
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static Result validate(Element signatureElement) {
        AtomicReference<X509Certificate> signer = new AtomicReference<>();
        DOMValidateContext context = new DOMValidateContext(new CertificateInKeyInfo(signer), signatureElement);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        try {
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            if (!coversTheWholeEnvelope(signature)) {
                return broken("chữ ký không phủ toàn bộ hồ sơ gửi (cần đúng một tham chiếu URI=\"\" với phép biến đổi enveloped)",
                        "the signature does not cover the whole envelope (one reference URI=\"\" with the enveloped transform expected)");
            }
            boolean valid = signature.validate(context);
            String subject = signer.get() == null ? null : signer.get().getSubjectX500Principal().getName();
            if (valid) {
                return new Result(Status.VALID, subject,
                        "chữ ký hợp lệ, người ký " + subject + " (chưa kiểm tra chứng thư có do CA tin cậy cấp hay không)",
                        "valid signature, signed by " + subject + " (whether a trusted CA issued the certificate is not checked)");
            }
            boolean digestsMatch = true;
            for (Object r : signature.getSignedInfo().getReferences()) {
                digestsMatch &= ((Reference) r).validate(context);
            }
            return digestsMatch
                    ? broken("giá trị chữ ký không khớp với khóa của chứng thư " + subject,
                            "the signature value does not match the key of certificate " + subject)
                    : broken("nội dung hồ sơ gửi đã bị thay đổi sau khi ký (mã băm không khớp); chứng thư " + subject,
                            "the envelope was changed after it was signed (digest mismatch); certificate " + subject);
        } catch (MarshalException | XMLSignatureException e) {
            String why = e.getCause() instanceof KeySelectorException k ? k.getMessage() : e.getMessage();
            return broken("chữ ký không đọc hoặc không kiểm tra được: " + why, "the signature cannot be read or checked: " + why);
        }
    }

    private static boolean coversTheWholeEnvelope(XMLSignature signature) {
        List<?> references = signature.getSignedInfo().getReferences();
        if (references.size() != 1) {
            return false;
        }
        Reference r = (Reference) references.get(0);
        return "".equals(r.getURI()) && r.getTransforms().stream()
                .anyMatch(t -> Transform.ENVELOPED.equals(((Transform) t).getAlgorithm()));
    }

    private static Result absent() {
        return new Result(Status.ABSENT, null, "không có chữ ký số của cơ sở (không bắt buộc)",
                "no facility signature (it is optional)");
    }

    private static Result broken(String vietnamese, String english) {
        return new Result(Status.BROKEN, null, "chữ ký số không hợp lệ, từ chối toàn bộ hồ sơ gửi: " + vietnamese,
                "invalid signature, the whole envelope is refused: " + english);
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        return f;
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // nothing more to read
            }
        }
    }

    /** The key of the X.509 certificate in KeyInfo, if its algorithm fits the signature's. */
    private static final class CertificateInKeyInfo extends KeySelector {
        private final AtomicReference<X509Certificate> signer;

        CertificateInKeyInfo(AtomicReference<X509Certificate> signer) {
            this.signer = signer;
        }

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (keyInfo != null) {
                for (Object info : keyInfo.getContent()) {
                    if (info instanceof X509Data data) {
                        for (Object o : data.getContent()) {
                            if (o instanceof X509Certificate cert && fits(cert.getPublicKey().getAlgorithm(), method.getAlgorithm())) {
                                signer.set(cert);
                                Key key = cert.getPublicKey();
                                return () -> key;
                            }
                        }
                    }
                }
            }
            throw new KeySelectorException("KeyInfo không có chứng thư X.509 phù hợp / no suitable X.509 certificate in KeyInfo");
        }

        private static boolean fits(String keyAlgorithm, String signatureUri) {
            String uri = signatureUri.toLowerCase(java.util.Locale.ROOT);
            return switch (keyAlgorithm) {
                case "RSA" -> uri.contains("rsa");
                case "EC" -> uri.contains("ecdsa");
                case "DSA" -> uri.contains("dsa") && !uri.contains("ecdsa");
                default -> false;
            };
        }
    }
}
