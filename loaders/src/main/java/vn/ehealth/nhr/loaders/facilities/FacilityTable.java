package vn.ehealth.nhr.loaders.facilities;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Address;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableRow;
import vn.ehealth.nhr.terminology.AdministrativeUnits;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a facility list (layout in docs/terminology/facilities.md) and turns each row into an
 * Organization. Provinces are checked against the shipped administrative units; any problem means
 * no Organization at all, so a half-checked list is never sent.
 */
final class FacilityTable {

    static final Set<String> REQUIRED_COLUMNS = new LinkedHashSet<>(List.of("ma_cskcb", "ten", "tuyen", "matinh"));
    private static final List<String> LEVELS = List.of("1", "2", "3", "4");
    private static final DateTimeFormatter[] DATES = {DateTimeFormatter.ofPattern("uuuu-MM-dd"), DateTimeFormatter.ofPattern("d/M/uuuu")};
    private static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";

    record Result(List<Organization> organizations, List<RowProblem> problems) {
    }

    private final Map<String, String> provinces = new HashMap<>();

    FacilityTable(FhirContext fhir) {
        CodeSystem units = AdministrativeUnits.parse(fhir);
        // provinces are the top-level concepts of the shipped list
        units.getConcept().forEach(c -> provinces.put(c.getCode(), c.getDisplay()));
    }

    Result read(Table table, Runnable onRow) {
        List<RowProblem> problems = new ArrayList<>();
        List<Organization> organizations = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (TableRow row : table.rows()) {
            int before = problems.size();
            String code = row.get("ma_cskcb");
            if (!code.matches("\\d{5}")) {
                problems.add(row.problem("facility code (ma_cskcb) \"" + code + "\" is not 5 digits like 01001"));
            } else {
                Integer first = lineOf.putIfAbsent(code, row.line());
                if (first != null) {
                    problems.add(row.problem("duplicate facility code " + code + " (first on line " + first + ")"));
                }
            }
            Organization o = organization(row, code, problems);
            onRow.run();
            if (problems.size() == before) {
                organizations.add(o);
            }
        }
        if (table.rows().isEmpty()) {
            problems.add(new RowProblem(table.file(), table.headerLine(), "no data rows under the header"));
        }
        return problems.isEmpty() ? new Result(organizations, List.of()) : new Result(List.of(), List.copyOf(problems));
    }

    private Organization organization(TableRow row, String code, List<RowProblem> problems) {
        Organization o = new Organization();
        o.addIdentifier().setSystem(NhrTerminology.FACILITY_CODE_SYSTEM).setValue(code);
        String name = row.get("ten");
        if (name.isEmpty()) {
            problems.add(row.problem("empty name (ten) of facility " + code));
        }
        o.setName(name);
        o.setActive(active(row, problems));
        o.addType().addCoding(new Coding(ORGANIZATION_TYPE, "prov", "Healthcare Provider"));
        String level = row.get("tuyen");
        if (!LEVELS.contains(level)) {
            problems.add(row.problem("level (tuyen) \"" + level + "\" is not 1, 2, 3 or 4"));
        } else {
            o.addType().addCoding(new Coding(NhrTerminology.FACILITY_LEVEL_SYSTEM, level, null));
        }
        String grade = row.get("hang");
        if (!grade.isEmpty()) {
            // hạng bệnh viện (special, I–IV) has no shared code system: kept as text
            o.addType().setText("Hạng " + grade);
        }
        address(row, o, problems);
        period(row, o, problems);
        return o;
    }

    private void address(TableRow row, Organization o, List<RowProblem> problems) {
        String province = row.get("matinh");
        Address a = o.addAddress().setCountry("VN");
        if (!row.get("diachi").isEmpty()) {
            a.addLine(row.get("diachi"));
        }
        if (!provinces.containsKey(province)) {
            problems.add(row.problem("province (matinh) \"" + province + "\" is not a province of the administrative units of "
                    + AdministrativeUnits.VERSION));
            return;
        }
        a.setState(provinces.get(province));
        a.addExtension(NhrTerminology.PROVINCE_CODE_EXTENSION,
                new Coding(AdministrativeUnits.SYSTEM, province, provinces.get(province)).setVersion(AdministrativeUnits.VERSION));
    }

    private static Boolean active(TableRow row, List<RowProblem> problems) {
        String text = row.get("dang_hoat_dong").toLowerCase(java.util.Locale.ROOT);
        if (text.isEmpty()) {
            return true;
        }
        if (!text.equals("true") && !text.equals("false")) {
            problems.add(row.problem("dang_hoat_dong \"" + text + "\" is not true or false"));
        }
        return text.equals("true");
    }

    /** Validity dates, kept on the identifier: they are the period the facility code is valid. */
    private static void period(TableRow row, Organization o, List<RowProblem> problems) {
        LocalDate from = date(row, "hieu_luc_tu", problems);
        LocalDate to = date(row, "hieu_luc_den", problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(row.problem("hieu_luc_den " + to + " is before hieu_luc_tu " + from));
        }
        if (from != null || to != null) {
            Period p = o.getIdentifierFirstRep().getPeriod();
            if (from != null) {
                p.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(from.toString()));
            }
            if (to != null) {
                p.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(to.toString()));
            }
        }
    }

    private static LocalDate date(TableRow row, String column, List<RowProblem> problems) {
        String text = row.get(column);
        if (text.isEmpty()) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(text, f.withResolverStyle(ResolverStyle.STRICT));
            } catch (DateTimeParseException e) {
                // next spelling
            }
        }
        problems.add(row.problem(column + " \"" + text + "\" is not a date (yyyy-mm-dd or dd/mm/yyyy)"));
        return null;
    }
}
