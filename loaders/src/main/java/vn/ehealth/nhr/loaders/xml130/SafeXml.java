package vn.ehealth.nhr.loaders.xml130;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;

/** StAX readers that never fetch a DTD or an external entity (the files come from outside). */
final class SafeXml {

    private static final XMLInputFactory FACTORY = create();

    private SafeXml() {
    }

    private static XMLInputFactory create() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // large NOIDUNGFILE texts must arrive in pieces, not as one string
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** A reader that honours a byte-order mark and the encoding the XML declaration names. */
    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }
}
