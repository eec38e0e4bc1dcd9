package vn.ehealth.nhr.loaders.xml130;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes QĐ 130 XML the way hospital systems send it: table files with the Ministry's element names,
 * and the {@code GIAMDINHHS} envelope with each table base64-encoded. Used to generate test and
 * benchmark data (any number of episodes, streamed, so a 200 MB envelope needs no memory).
 */
public final class Xml130Writer {

    private Xml130Writer() {
    }

    /** Root, list and row element names of a table (XML1 and XML14 are a single row: the root itself). */
    static String[] elements(Xml130Table table) {
        return switch (table) {
            case XML1 -> new String[] {"TONG_HOP"};
            case XML2 -> new String[] {"CHITIEU_CHITIET_THUOC", "DSACH_CHI_TIET_THUOC", "CHI_TIET_THUOC"};
            case XML3 -> new String[] {"CHITIEU_CHITIET_DVKT_VTYT", "DSACH_CHI_TIET_DVKT", "CHI_TIET_DVKT"};
            case XML4 -> new String[] {"CHITIEU_CHITIET_DICHVUCANLAMSANG", "DSACH_CHI_TIET_CLS", "CHI_TIET_CLS"};
            case XML5 -> new String[] {"CHITIEU_CHITIET_DIENBIENLAMSANG", "DSACH_CHI_TIET_DIEN_BIEN_BENH", "CHI_TIET_DIEN_BIEN_BENH"};
            case XML7 -> new String[] {"CHI_TIEU_DULIEU_GIAY_RA_VIEN"};
            case XML8 -> new String[] {"CHI_TIEU_DULIEU_TOM_TAT_HO_SO_BENH_AN"};
            case XML13 -> new String[] {"CHI_TIEU_GIAYCHUYENTUYEN"};
            case XML14 -> new String[] {"CHI_TIEU_GIAYHEN_KHAMLAI"};
            default -> new String[] {"CHI_TIEU_" + table.name(), "DSACH_" + table.name(), "CHI_TIET_" + table.name()};
        };
    }

    /** A table file: UTF-8, with an XML declaration; one row element per map (columns in map order). */
    public static String table(Xml130Table table, List<? extends Map<String, String>> rows) {
        String[] e = elements(table);
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        if (e.length == 1) {
            s.append('<').append(e[0]).append('>');
            columns(s, rows.isEmpty() ? Map.of() : rows.get(0));
            return s.append("</").append(e[0]).append(">\n").toString();
        }
        s.append('<').append(e[0]).append("><").append(e[1]).append('>');
        for (Map<String, String> row : rows) {
            s.append('<').append(e[2]).append('>');
            columns(s, row);
            s.append("</").append(e[2]).append('>');
        }
        return s.append("</").append(e[1]).append("></").append(e[0]).append(">\n").toString();
    }

    private static void columns(StringBuilder s, Map<String, String> row) {
        row.forEach((k, v) -> s.append('<').append(k).append('>').append(escape(v)).append("</").append(k).append('>'));
    }

    /** Streams an envelope: header, then each HOSO as it is handed over, then the footer. */
    public static final class Envelope implements AutoCloseable {
        private final Writer out;

        public Envelope(OutputStream target, String facility, String createdOn, int count) throws IOException {
            out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
            out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<GIAMDINHHS>\n  <THONGTINDONVI><MACSKCB>" + escape(facility)
                    + "</MACSKCB></THONGTINDONVI>\n  <THONGTINHOSO><NGAYLAP>" + createdOn + "</NGAYLAP><SOLUONGHOSO>" + count
                    + "</SOLUONGHOSO>\n    <DANHSACHHOSO>\n");
        }

        /** One HOSO: each table XML (already written) base64-encoded in a FILEHOSO, announced by LOAIHOSO. */
        public void hoso(Map<String, String> tablesByType) throws IOException {
            out.write("      <HOSO>\n");
            for (var t : tablesByType.entrySet()) {
                out.write("        <FILEHOSO><LOAIHOSO>" + escape(t.getKey()) + "</LOAIHOSO><NOIDUNGFILE>");
                out.write(Base64.getEncoder().encodeToString(t.getValue().getBytes(StandardCharsets.UTF_8)));
                out.write("</NOIDUNGFILE></FILEHOSO>\n");
            }
            out.write("      </HOSO>\n");
        }

        @Override
        public void close() throws IOException {
            out.write("    </DANHSACHHOSO>\n  </THONGTINHOSO>\n  <CHUKYDONVI></CHUKYDONVI>\n</GIAMDINHHS>\n");
            out.flush();
        }
    }

    static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
