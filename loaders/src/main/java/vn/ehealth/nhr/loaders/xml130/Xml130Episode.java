package vn.ehealth.nhr.loaders.xml130;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One treatment episode as read: the rows of each table that belong to it (one {@code HOSO} of an
 * envelope, or the rows sharing an {@code MA_LK} across plain table files), where they came from,
 * and what was already wrong while reading (bad base64, unknown table...).
 */
public final class Xml130Episode {

    private final String file;
    private final String part;
    private final String envelopeFacility;
    private final Map<Xml130Table, List<Xml130Row>> tables = new EnumMap<>(Xml130Table.class);
    private final List<Xml130Problem> problems = new ArrayList<>();

    public Xml130Episode(String file, String part, String envelopeFacility) {
        this.file = file;
        this.part = part;
        this.envelopeFacility = envelopeFacility;
    }

    /** The file (envelope, zip or folder) the episode came from. */
    public String file() {
        return file;
    }

    /** Where in the file: "HOSO 3", or null for plain table files. */
    public String part() {
        return part;
    }

    /** {@code THONGTINDONVI/MACSKCB} of the envelope, or null. */
    public String envelopeFacility() {
        return envelopeFacility;
    }

    public void add(Xml130Table table, List<Xml130Row> rows) {
        tables.computeIfAbsent(table, t -> new ArrayList<>()).addAll(rows);
    }

    public List<Xml130Row> rows(Xml130Table table) {
        return Collections.unmodifiableList(tables.getOrDefault(table, List.of()));
    }

    public java.util.Set<Xml130Table> tables() {
        return tables.keySet();
    }

    public void problem(Xml130Problem p) {
        problems.add(p);
    }

    public List<Xml130Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The summary row (XML1), if exactly one. */
    public Xml130Row summary() {
        List<Xml130Row> rows = rows(Xml130Table.XML1);
        return rows.size() == 1 ? rows.get(0) : null;
    }

    /** MA_LK of the summary row, or null. */
    public String maLk() {
        Xml130Row s = summary();
        return s == null ? null : s.maLk();
    }

    /** The facility: XML1's MA_CSKCB, else the envelope's MACSKCB. */
    public String facility() {
        Xml130Row s = summary();
        String own = s == null ? null : s.get("MA_CSKCB");
        return own != null ? own : envelopeFacility;
    }

    /** "file HOSO 3 (MA_LK x)" for reports. */
    public String label() {
        StringBuilder s = new StringBuilder(file);
        if (part != null) {
            s.append(' ').append(part);
        }
        if (maLk() != null) {
            s.append(" (MA_LK ").append(maLk()).append(')');
        }
        return s.toString();
    }
}
