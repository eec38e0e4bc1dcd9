package vn.ehealth.nhr.ig.site;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the QĐ 130/4750 XML tables ({@code nhr/qd130/xml130-fields.csv} of the profiles
 * module), looked up by {@code TABLE.FIELD} as written in the profiles' {@code qd130} mappings.
 */
final class Qd130Fields {

    static final String CLASSPATH = "nhr/qd130/xml130-fields.csv";
    static final String MAPPING_IDENTITY = "qd130";

    /** One column of an XML table. */
    record Field(String table, String field, String type, String maxSize, String meaning, String amendment) {
    }

    private final Map<String, Field> byColumn = new HashMap<>();

    private Qd130Fields() {
    }

    /** The list from the classpath; empty if it is not there (the site then shows the bare column names). */
    static Qd130Fields fromClasspath() throws IOException {
        Qd130Fields fields = new Qd130Fields();
        try (InputStream in = Qd130Fields.class.getClassLoader().getResourceAsStream(CLASSPATH)) {
            if (in == null) {
                return fields;
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    Field f = new Field(r.get("table"), r.get("field"), r.get("type"), r.get("max_size"),
                            r.get("meaning"), r.isMapped("amendment") ? r.get("amendment") : "");
                    fields.byColumn.putIfAbsent(f.table() + "." + f.field(), f);
                }
            }
        }
        return fields;
    }

    /** A column named {@code XML1.SO_CCCD}. */
    Optional<Field> column(String tableDotField) {
        return Optional.ofNullable(byColumn.get(tableDotField.trim()));
    }

    /** The columns a mapping names ({@code XML1.A; XML1.B} or {@code XML1.A, XML1.B}). */
    static String[] columnsOf(String map) {
        return map == null ? new String[0] : map.trim().split("\\s*[;,]\\s*");
    }
}
