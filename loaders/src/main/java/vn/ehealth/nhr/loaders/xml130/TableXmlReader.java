package vn.ehealth.nhr.loaders.xml130;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of one table XML. The Ministry's schemas wrap rows differently (XML1's
 * {@code TONG_HOP} is itself the row; detail tables nest {@code DSACH_…/CHI_TIET_…}), so a row is
 * recognised by shape: an element whose children are all simple (text-only) elements, each child
 * being a column.
 */
final class TableXmlReader {

    private TableXmlReader() {
    }

    private static final class Frame {
        final String name;
        final Map<String, String> leaves = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        boolean hasChildren;
        boolean hasComplexChild;

        Frame(String name) {
            this.name = name;
        }
    }

    /** Reads from the current position (just after the root's start tag has been seen) to the end of the root. */
    static List<Xml130Row> readRows(XMLStreamReader xml, Xml130Table table) throws XMLStreamException {
        List<Xml130Row> rows = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(xml.getLocalName()));
        while (!stack.isEmpty() && xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    stack.peek().hasChildren = true;
                    stack.push(new Frame(xml.getLocalName()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        stack.peek().text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    Frame done = stack.pop();
                    Frame parent = stack.peek();
                    if (!done.hasChildren) {
                        if (parent != null) {
                            // NFC: windows-1258 and some systems send tone marks as combining characters
                            String value = Normalizer.normalize(done.text, Normalizer.Form.NFC).strip();
                            if (!value.isEmpty()) {
                                parent.leaves.put(done.name, value);
                            }
                        }
                    } else {
                        if (parent != null) {
                            parent.hasComplexChild = true;
                        }
                        if (!done.hasComplexChild) {
                            rows.add(new Xml130Row(table, rows.size() + 1, Map.copyOf(done.leaves)));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return rows;
    }

    /** Moves to the root element and returns its name. */
    static String root(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                return xml.getLocalName();
            }
        }
        throw new XMLStreamException("no root element");
    }
}
