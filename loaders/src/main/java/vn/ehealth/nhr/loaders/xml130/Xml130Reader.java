package vn.ehealth.nhr.loaders.xml130;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads QĐ 130 data as it comes from hospitals and hands over one {@link Xml130Episode} at a time:
 * <ul>
 * <li>the submission envelope {@code GIAMDINHHS} (one or many {@code HOSO}, each table base64 in
 * {@code FILEHOSO/NOIDUNGFILE}), streamed: one HOSO in memory at a time, each table decoded piece
 * by piece into a buffer that spills to a temporary file when large;</li>
 * <li>plain table files (one table per file), grouped by {@code MA_LK};</li>
 * <li>a folder or a zip of either.</li>
 * </ul>
 * Encoding: a byte-order mark and the XML declaration's encoding are honoured (UTF-8 by default).
 *
 * <p>Besides the episodes, the reader hands over notes on a whole file ({@code CHUKYDONVI} checked,
 * {@code SOLUONGHOSO} not matching the HOSO read). An envelope file, or an envelope in a zip, whose
 * signature is broken is not read: one refused pseudo-episode says why.
 */
public final class Xml130Reader {

    public static final String ENVELOPE_ROOT = "GIAMDINHHS";

    private final EnvelopeSignature signature;
    private final BiConsumer<String, Xml130Problem> notes;

    /** Signatures of envelope files checked up to the default size; notes dropped. */
    public Xml130Reader() {
        this(new EnvelopeSignature(EnvelopeSignature.DEFAULT_LIMIT_BYTES), (file, note) -> { });
    }

    /**
     * @param signature checks the CHUKYDONVI of envelope files and of envelopes inside zips before they
     *                  are read (a stream handed to {@link #read(String, InputStream, Consumer)} is not
     *                  checked itself: its caller has the bytes); null: nothing checked
     * @param notes     receives (file, note) for whole-file findings
     */
    public Xml130Reader(EnvelopeSignature signature, BiConsumer<String, Xml130Problem> notes) {
        this.signature = signature;
        this.notes = notes;
    }

    /** Plain table files seen so far in one input, waiting to be grouped by MA_LK. */
    private static final class PlainTables {
        final String source;
        final List<Xml130Row> rows = new ArrayList<>();
        final List<Xml130Problem> unreadable = new ArrayList<>();

        PlainTables(String source) {
            this.source = source;
        }
    }

    /** Reads a file, a folder (its .xml and .zip files, sorted) or a zip. */
    public void read(Path path, Consumer<Xml130Episode> sink) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".xml") || n.endsWith(".zip");
                }).sorted().toList();
            }
            PlainTables plain = new PlainTables(path.getFileName().toString());
            for (Path f : files) {
                if (signatureHolds(f, sink)) {
                    try (InputStream in = Files.newInputStream(f)) {
                        readStream(f.getFileName().toString(), in, plain, sink);
                    }
                }
            }
            flush(plain, sink);
        } else if (signatureHolds(path, sink)) {
            try (InputStream in = Files.newInputStream(path)) {
                read(path.getFileName().toString(), in, sink);
            }
        }
    }

    /** Checks an envelope file's CHUKYDONVI (notes the result); false when broken: the file is refused, not read. */
    private boolean signatureHolds(Path file, Consumer<Xml130Episode> sink) throws IOException {
        if (signature == null || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return true;
        }
        return signatureHolds(file.getFileName().toString(), file, sink);
    }

    private boolean signatureHolds(String name, Path file, Consumer<Xml130Episode> sink) throws IOException {
        EnvelopeSignature.Result result = signature.check(file);
        if (result == null) {
            return true;
        }
        if (result.status() == EnvelopeSignature.Status.BROKEN) {
            Xml130Episode refused = new Xml130Episode(name, null, null);
            refused.problem(result.line());
            sink.accept(refused);
            return false;
        }
        notes.accept(name, result.line());
        return true;
    }

    /**
     * One .xml entry of a zip: an envelope in it is signature-checked like an envelope file (the entry is
     * copied to a temporary file first, as the check needs to read it twice), then read.
     */
    private void readZipEntry(String name, ZipInputStream zip, PlainTables plain, Consumer<Xml130Episode> sink) throws IOException {
        if (signature == null) {
            readXml(name, new NonClosing(zip), plain, sink);
            return;
        }
        Path copy = Files.createTempFile("nhr-xml130-", ".xml");
        try {
            Files.copy(zip, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (signatureHolds(name, copy, sink)) {
                try (InputStream in = Files.newInputStream(copy)) {
                    readXml(name, in, plain, sink);
                }
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Reads one stream: an envelope, a plain table file or a zip of them (sniffed from the first bytes). */
    public void read(String name, InputStream in, Consumer<Xml130Episode> sink) throws IOException {
        PlainTables plain = new PlainTables(name);
        readStream(name, in, plain, sink);
        flush(plain, sink);
    }

    private void readStream(String name, InputStream raw, PlainTables plain, Consumer<Xml130Episode> sink) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String n = entry.getName().toLowerCase(Locale.ROOT);
                if (!entry.isDirectory() && n.endsWith(".xml")) {
                    readZipEntry(name + "!" + entry.getName(), zip, plain, sink);
                }
            }
            return;
        }
        readXml(name, in, plain, sink);
    }

    private void readXml(String name, InputStream in, PlainTables plain, Consumer<Xml130Episode> sink) {
        XMLStreamReader xml = null;
        try {
            xml = SafeXml.open(in);
            String root = TableXmlReader.root(xml);
            if (ENVELOPE_ROOT.equalsIgnoreCase(root)) {
                new EnvelopeParser(name, xml, sink, notes).parse();
                return;
            }
            var table = Xml130Table.fromRootOrFileName(root, name);
            if (table.isEmpty()) {
                plain.unreadable.add(Xml130Problem.general(
                        "Tệp " + name + ": không nhận ra bảng (phần tử gốc <" + root + ">, tên tệp không có XML1…XML15)",
                        "File " + name + ": not a known table (root element <" + root + ">, no XML1…XML15 in the file name)"));
                return;
            }
            plain.rows.addAll(TableXmlReader.readRows(xml, table.get()));
        } catch (XMLStreamException e) {
            plain.unreadable.add(Xml130Problem.general("Tệp " + name + " không phải XML hợp lệ: " + e.getMessage(),
                    "File " + name + " is not well-formed XML: " + e.getMessage()));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to read
                }
            }
        }
    }

    /** Groups the plain tables' rows by MA_LK: one episode per XML1 row; rows of an MA_LK without XML1 are refused. */
    private static void flush(PlainTables plain, Consumer<Xml130Episode> sink) {
        if (!plain.unreadable.isEmpty()) {
            Xml130Episode bad = new Xml130Episode(plain.source, null, null);
            plain.unreadable.forEach(bad::problem);
            sink.accept(bad);
        }
        Map<String, Xml130Episode> byMaLk = new LinkedHashMap<>();
        for (Xml130Row row : plain.rows) {
            if (row.table() == Xml130Table.XML1) {
                String key = row.maLk() == null ? "#" + row.stt() : row.maLk();
                Xml130Episode e = byMaLk.computeIfAbsent(key, k -> new Xml130Episode(plain.source, null, null));
                e.add(Xml130Table.XML1, List.of(row));
            }
        }
        Map<String, Xml130Episode> orphans = new LinkedHashMap<>();
        for (Xml130Row row : plain.rows) {
            if (row.table() == Xml130Table.XML1) {
                continue;
            }
            Xml130Episode e = row.maLk() == null ? null : byMaLk.get(row.maLk());
            if (e != null) {
                e.add(row.table(), List.of(row));
            } else {
                Xml130Episode orphan = orphans.computeIfAbsent(String.valueOf(row.maLk()),
                        k -> new Xml130Episode(plain.source, "MA_LK " + k, null));
                orphan.problem(Xml130Problem.of(row, "MA_LK", row.maLk() == null ? "thiếu MA_LK"
                                : "không có hồ sơ XML1 nào mang MA_LK " + row.maLk() + " trong tệp",
                        row.maLk() == null ? "MA_LK is missing" : "no XML1 record with MA_LK " + row.maLk() + " in the file"));
            }
        }
        byMaLk.values().forEach(sink);
        orphans.values().forEach(sink);
    }

    /** Parses {@code GIAMDINHHS}, handing over each HOSO as soon as it ends. */
    private static final class EnvelopeParser {
        private final String name;
        private final XMLStreamReader xml;
        private final Consumer<Xml130Episode> sink;
        private final BiConsumer<String, Xml130Problem> notes;
        private String facility;
        private String declaredCount;
        private int hosoCount;

        EnvelopeParser(String name, XMLStreamReader xml, Consumer<Xml130Episode> sink, BiConsumer<String, Xml130Problem> notes) {
            this.name = name;
            this.xml = xml;
            this.sink = sink;
            this.notes = notes;
        }

        void parse() throws XMLStreamException {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName().toUpperCase(Locale.ROOT)) {
                    case "MACSKCB" -> facility = xml.getElementText().strip();
                    case "SOLUONGHOSO" -> declaredCount = xml.getElementText().strip();
                    case "HOSO" -> sink.accept(hoso(++hosoCount));
                    default -> {
                    }
                }
            }
            checkCount();
        }

        /**
         * SOLUONGHOSO against the HOSO actually read: a note, not a refusal. Each HOSO stands alone and
         * has been loaded (or refused) on its own by now; a cut-off file fails as XML anyway.
         */
        private void checkCount() {
            if (declaredCount == null || declaredCount.isEmpty()) {
                notes.accept(name, Xml130Problem.ofTable(null, "SOLUONGHOSO", "thiếu; tệp có " + hosoCount + " HOSO",
                        "missing; the file holds " + hosoCount + " HOSO"));
            } else if (!declaredCount.matches("[0-9]{1,9}")) {
                notes.accept(name, Xml130Problem.ofTable(null, "SOLUONGHOSO", "\"" + declaredCount + "\" không phải số; tệp có "
                        + hosoCount + " HOSO", "\"" + declaredCount + "\" is not a number; the file holds " + hosoCount + " HOSO"));
            } else if (Integer.parseInt(declaredCount) != hosoCount) {
                notes.accept(name, Xml130Problem.ofTable(null, "SOLUONGHOSO", "ghi " + Integer.parseInt(declaredCount)
                                + " hồ sơ nhưng tệp có " + hosoCount + " HOSO; các HOSO có trong tệp vẫn được xử lý",
                        "says " + Integer.parseInt(declaredCount) + " records but the file holds " + hosoCount
                                + " HOSO; the HOSO in the file were processed all the same"));
            }
        }

        private Xml130Episode hoso(int number) throws XMLStreamException {
            Xml130Episode episode = new Xml130Episode(name, "HOSO " + number, facility);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT && "HOSO".equalsIgnoreCase(xml.getLocalName())) {
                    break;
                }
                if (event == XMLStreamConstants.START_ELEMENT && "FILEHOSO".equalsIgnoreCase(xml.getLocalName())) {
                    fileHoso(episode);
                }
            }
            checkMaLk(episode);
            return episode;
        }

        private void fileHoso(Xml130Episode episode) throws XMLStreamException {
            String type = null;
            try (SpillBuffer content = new SpillBuffer()) {
                Base64Chunks decoder = new Base64Chunks(content);
                boolean sawContent = false;
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.END_ELEMENT && "FILEHOSO".equalsIgnoreCase(xml.getLocalName())) {
                        break;
                    }
                    if (event != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String element = xml.getLocalName().toUpperCase(Locale.ROOT);
                    if ("LOAIHOSO".equals(element)) {
                        type = xml.getElementText().strip();
                    } else if ("NOIDUNGFILE".equals(element)) {
                        sawContent = true;
                        while (xml.next() != XMLStreamConstants.END_ELEMENT) {
                            int t = xml.getEventType();
                            if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA) {
                                decoder.append(xml.getText());
                            }
                        }
                    }
                }
                var table = Xml130Table.fromLoaiHoSo(type);
                if (table.isEmpty()) {
                    episode.problem(new Xml130Problem(null, null, "LOAIHOSO",
                            "loại hồ sơ không có trong QĐ 130/4750: \"" + type + "\" (chỉ XML1…XML15)",
                            "unknown table type \"" + type + "\" (only XML1…XML15)"));
                    return;
                }
                String error = sawContent ? decoder.finish() : "thiếu NOIDUNGFILE|NOIDUNGFILE is missing";
                if (error != null) {
                    String[] texts = error.split("\\|", 2);
                    episode.problem(Xml130Problem.ofTable(table.get(), "NOIDUNGFILE", texts[0], texts[1]));
                    return;
                }
                readTable(episode, table.get(), content);
            }
        }

        private void readTable(Xml130Episode episode, Xml130Table table, SpillBuffer content) {
            XMLStreamReader inner = null;
            try (InputStream in = content.open()) {
                inner = SafeXml.open(in);
                TableXmlReader.root(inner);
                episode.add(table, TableXmlReader.readRows(inner, table));
            } catch (IOException | XMLStreamException e) {
                episode.problem(Xml130Problem.ofTable(table, "NOIDUNGFILE",
                        "nội dung giải mã không phải XML hợp lệ: " + e.getMessage(),
                        "the decoded content is not well-formed XML: " + e.getMessage()));
            } finally {
                if (inner != null) {
                    try {
                        inner.close();
                    } catch (XMLStreamException ignored) {
                        // nothing more to read
                    }
                }
            }
        }

        /** Every detail row of a HOSO must belong to the HOSO's episode (XML1's MA_LK). */
        private static void checkMaLk(Xml130Episode episode) {
            String maLk = episode.maLk();
            if (maLk == null) {
                return; // the mapper reports a missing or duplicated XML1
            }
            for (Xml130Table t : episode.tables()) {
                for (Xml130Row row : episode.rows(t)) {
                    if (row.maLk() != null && !row.maLk().equals(maLk)) {
                        episode.problem(Xml130Problem.of(row, "MA_LK",
                                "MA_LK " + row.maLk() + " không thuộc hồ sơ này (XML1 có MA_LK " + maLk + ")",
                                "MA_LK " + row.maLk() + " is not this record's (XML1 has MA_LK " + maLk + ")"));
                    }
                }
            }
        }
    }

    /** Lets a parser close what it reads without closing the zip around it. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip entry ends; the zip goes on
        }
    }
}
