package vn.ehealth.nhr.loaders.xml130;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the QĐ 130/QĐ-BYT data set (as amended by QĐ 4750/QĐ-BYT), by the {@code LOAIHOSO}
 * value that announces them in the submission envelope ({@code XML1} … {@code XML15}).
 */
public enum Xml130Table {
    XML1, XML2, XML3, XML4, XML5, XML6, XML7, XML8, XML9, XML10, XML11, XML12, XML13, XML14, XML15;

    private static final Pattern LOAIHOSO = Pattern.compile("XML\\s*(\\d{1,2})");

    /** The table a {@code LOAIHOSO} names ("XML1", "xml 2"), if it is one of the 15. */
    public static Optional<Xml130Table> fromLoaiHoSo(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = LOAIHOSO.matcher(value.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= values().length ? Optional.of(values()[n - 1]) : Optional.empty();
    }

    /**
     * The table of a plain table file, from the root element the Ministry's schemas give it (XML1's
     * {@code TONG_HOP}, the detail tables' {@code CHITIEU_CHITIET_…}/{@code CHI_TIEU_…}) or, failing
     * that, a file name such as {@code 01001_BM123_XML2.xml}.
     */
    public static Optional<Xml130Table> fromRootOrFileName(String rootElement, String fileName) {
        String root = rootElement == null ? "" : rootElement.toUpperCase(Locale.ROOT);
        Optional<Xml130Table> byRoot = switch (root) {
            case "TONG_HOP" -> Optional.of(XML1);
            case "CHITIEU_CHITIET_THUOC" -> Optional.of(XML2);
            case "CHITIEU_CHITIET_DVKT_VTYT" -> Optional.of(XML3);
            case "CHITIEU_CHITIET_DICHVUCANLAMSANG" -> Optional.of(XML4);
            case "CHITIEU_CHITIET_DIENBIENLAMSANG" -> Optional.of(XML5);
            case "CHI_TIEU_DULIEU_GIAY_RA_VIEN" -> Optional.of(XML7);
            case "CHI_TIEU_DULIEU_TOM_TAT_HO_SO_BENH_AN" -> Optional.of(XML8);
            case "CHI_TIEU_DULIEU_GIAY_CHUYEN_TUYEN", "CHI_TIEU_GIAYCHUYENTUYEN" -> Optional.of(XML13);
            case "CHI_TIEU_DULIEU_GIAY_HEN_KHAM_LAI", "CHI_TIEU_GIAYHEN_KHAMLAI" -> Optional.of(XML14);
            default -> Optional.empty();
        };
        if (byRoot.isPresent() || fileName == null) {
            return byRoot;
        }
        Matcher m = Pattern.compile("XML\\s*(\\d{1,2})(?!\\d)").matcher(fileName.toUpperCase(Locale.ROOT).replaceAll("\\.XML$", ""));
        Optional<Xml130Table> found = Optional.empty();
        while (m.find()) {
            found = fromLoaiHoSo("XML" + m.group(1));
        }
        return found;
    }
}
