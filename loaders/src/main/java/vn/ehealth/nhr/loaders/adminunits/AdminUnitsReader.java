package vn.ehealth.nhr.loaders.adminunits;

import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;
import vn.ehealth.nhr.loaders.table.TableRow;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static vn.ehealth.nhr.terminology.AdministrativeUnits.LEVEL_COMMUNE;
import static vn.ehealth.nhr.terminology.AdministrativeUnits.LEVEL_DISTRICT;
import static vn.ehealth.nhr.terminology.AdministrativeUnits.LEVEL_PROVINCE;

/**
 * Reads a list of administrative units, one row per commune, in either layout:
 * <ul>
 *   <li>official (GSO export, 2024): {@code id, tentinh, matinh, tenhuyen, mahuyen, tenxa, maxa, cap,
 *       tentienganh, viettat};</li>
 *   <li>simple (any later list): {@code matinh, tentinh, maxa, tenxa, cap}, optionally
 *       {@code mahuyen, tenhuyen} (then districts are built), {@code tentienganh, viettat}.</li>
 * </ul>
 * Provinces and districts are derived from the rows and must be named consistently on every row.
 * A row with district but no commune (island districts such as Bạch Long Vĩ) defines a district
 * without communes. Every problem is collected; a list with problems must not be used.
 */
public final class AdminUnitsReader {

    public enum Layout { OFFICIAL, SIMPLE }

    /** What was read: the list is only meaningful when {@code problems} is empty. */
    public record Result(Layout layout, AdminUnitList units, List<RowProblem> problems, int rows) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final Set<String> REQUIRED = Set.of("matinh", "tentinh", "maxa", "tenxa", "cap");
    private static final Pattern PROVINCE_CODE = Pattern.compile("\\d{2}");
    private static final Pattern DISTRICT_CODE = Pattern.compile("\\d{3}");
    private static final Pattern COMMUNE_CODE = Pattern.compile("\\d{5}");

    // Canonical spellings; names in the list sometimes capitalise them ("Thị Xã Buôn Hồ").
    static final List<String> PROVINCE_TYPES = List.of("Thành phố", "Tỉnh");
    static final List<String> DISTRICT_TYPES = List.of("Thành phố", "Thị xã", "Quận", "Huyện");
    static final List<String> COMMUNE_TYPES = List.of("Phường", "Xã", "Thị trấn", "Đặc khu");

    private final List<RowProblem> problems = new ArrayList<>();
    private final AdminUnitList units = new AdminUnitList();

    private AdminUnitsReader() {
    }

    public static Result read(Path file) {
        AdminUnitsReader reader = new AdminUnitsReader();
        Table table;
        try {
            table = TableReader.read(file, null, REQUIRED);
        } catch (TableReader.UnreadableFileException e) {
            return new Result(null, reader.units, List.of(e.problem()), 0);
        }
        boolean hasDistrictCode = table.headers().contains(header("mahuyen"));
        boolean hasDistrictName = table.headers().contains(header("tenhuyen"));
        if (hasDistrictCode != hasDistrictName) {
            reader.problems.add(new RowProblem(file, table.headerLine(),
                    "missing column(s): mahuyen and tenhuyen go together (both or neither)"));
            return new Result(null, reader.units, reader.problems, table.rows().size());
        }
        Layout layout = hasDistrictCode && table.headers().contains(header("id")) ? Layout.OFFICIAL : Layout.SIMPLE;
        for (TableRow row : table.rows()) {
            reader.readRow(row, hasDistrictCode);
        }
        return new Result(layout, reader.units, List.copyOf(reader.problems), table.rows().size());
    }

    private void readRow(TableRow row, boolean withDistricts) {
        int before = problems.size();
        String provinceCode = code(row, "matinh", PROVINCE_CODE, "2 digits");
        String districtCode = withDistricts ? code(row, "mahuyen", DISTRICT_CODE, "3 digits") : null;
        String communeCode = row.get("maxa");
        String communeName = name(row.get("tenxa"));
        if (!communeCode.isEmpty() || !communeName.isEmpty()) {
            code(row, "maxa", COMMUNE_CODE, "5 digits");
        }
        if (problems.size() > before) {
            return; // without valid codes nothing below can be checked meaningfully
        }
        AdminUnit province = unit(row, provinceCode, LEVEL_PROVINCE, name(row.get("tentinh")), null,
                PROVINCE_TYPES, units.provinces);
        if (province == null) {
            return;
        }
        String parent = provinceCode;
        if (withDistricts) {
            AdminUnit district = unit(row, districtCode, LEVEL_DISTRICT, name(row.get("tenhuyen")), provinceCode,
                    DISTRICT_TYPES, units.districts);
            if (district == null) {
                return;
            }
            parent = districtCode;
        }
        if (communeCode.isEmpty() && communeName.isEmpty()) {
            districtWithoutCommunes(row, districtCode);
            return;
        }
        if (communeName.isEmpty()) {
            problems.add(row.problem("tenxa is empty for commune " + communeCode));
            return;
        }
        AdminUnit first = units.communes.get(communeCode);
        if (first != null) {
            problems.add(row.problem("duplicate commune code " + communeCode + " (first on line " + first.line() + ")"));
            return;
        }
        String type = canonicalType(row.get("cap"), COMMUNE_TYPES);
        if (type == null) {
            problems.add(row.problem("cap \"" + row.get("cap") + "\" is not a commune type " + COMMUNE_TYPES));
            return;
        }
        units.communes.put(communeCode, new AdminUnit(communeCode, LEVEL_COMMUNE, communeName, type, parent,
                blankToNull(name(row.get("tentienganh"))), blankToNull(row.get("viettat")), row.line()));
    }

    /** Official rows with an empty commune carry the district's own level word and abbreviation. */
    private void districtWithoutCommunes(TableRow row, String districtCode) {
        if (districtCode == null) {
            problems.add(row.problem("maxa and tenxa are empty: a row must name a commune"));
            return;
        }
        AdminUnit district = units.districts.get(districtCode);
        String cap = row.get("cap");
        if (!cap.isEmpty() && !cap.equalsIgnoreCase(district.unitType())) {
            problems.add(row.problem("cap \"" + cap + "\" contradicts district " + districtCode + " \""
                    + district.name() + "\" (a row without commune describes its district)"));
            return;
        }
        String abbreviation = blankToNull(row.get("viettat"));
        if (abbreviation != null && district.abbreviation() == null) {
            units.districts.put(districtCode, district.withAbbreviation(abbreviation));
        }
    }

    /**
     * The province or district of this row: created on first sight, otherwise checked against the
     * first row that defined it (same name, same parent). Null after a problem.
     */
    private AdminUnit unit(TableRow row, String code, String level, String name, String parentCode,
                           List<String> types, Map<String, AdminUnit> known) {
        AdminUnit first = known.get(code);
        if (first != null) {
            if (!first.name().equals(name) || !java.util.Objects.equals(first.parentCode(), parentCode)) {
                problems.add(row.problem(level + " " + code + " is \"" + name + "\""
                        + (parentCode == null ? "" : " in " + parentCode) + " but \"" + first.name() + "\""
                        + (parentCode == null ? "" : " in " + first.parentCode()) + " on line " + first.line()));
                return null;
            }
            return first;
        }
        String columnName = LEVEL_PROVINCE.equals(level) ? "tentinh" : "tenhuyen";
        if (name.isEmpty()) {
            problems.add(row.problem(columnName + " is empty for " + level + " " + code));
            return null;
        }
        String type = typeFromName(name, types);
        if (type == null) {
            problems.add(row.problem(columnName + " \"" + name + "\" does not start with a " + level + " type " + types));
            return null;
        }
        AdminUnit unit = new AdminUnit(code, level, name, type, parentCode, null, null, row.line());
        known.put(code, unit);
        return unit;
    }

    private String code(TableRow row, String column, Pattern format, String expected) {
        String value = row.get(column);
        if (!format.matcher(value).matches()) {
            problems.add(row.problem("wrong code format: " + column + " \"" + value + "\" must be " + expected
                    + " (keep the column as text so leading zeros survive)"));
        }
        return value;
    }

    /** The level word a name starts with, in canonical spelling ("Thị Xã Buôn Hồ" → "Thị xã"). */
    static String typeFromName(String name, List<String> types) {
        String lower = name.toLowerCase(Locale.ROOT);
        return types.stream().filter(t -> lower.startsWith(t.toLowerCase(Locale.ROOT) + " ")).findFirst().orElse(null);
    }

    private static String canonicalType(String word, List<String> types) {
        String w = name(word);
        return types.stream().filter(t -> t.equalsIgnoreCase(w)).findFirst().orElse(null);
    }

    /** NFC with single spaces: the official list has stray double and trailing spaces in names. */
    static String name(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    private static String header(String column) {
        return TableReader.normaliseHeader(column);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
