package vn.ehealth.nhr.loaders.catalogue;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;
import vn.ehealth.nhr.loaders.table.TableRow;
import vn.ehealth.nhr.terminology.VietnameseText;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Turns the rows of a catalogue table into a CodeSystem (nested by the parent column) and a
 * ValueSet of the whole system. Every row is checked and every problem collected, so the person
 * fixing the file sees them all at once; with any problem nothing is built.
 */
public final class CatalogueBuilder {

    /** Result: both resources, or the problems that prevented them (then both are null). */
    public record Result(CodeSystem codeSystem, ValueSet valueSet, List<RowProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final String CONCEPT_PROPERTIES = "http://hl7.org/fhir/concept-properties#";
    private static final String EFFECTIVE_PERIOD = "http://hl7.org/fhir/StructureDefinition/resource-effectivePeriod";
    private static final String EFFECTIVE_FROM = "effectiveDate";
    private static final String EFFECTIVE_TO = "retirementDate";

    private final CatalogueSpec spec;

    public CatalogueBuilder(CatalogueSpec spec) {
        this.spec = spec;
    }

    /** Property code of an extra column: folded, lower case, words joined by '_' ("Ghi chú" → "ghi_chu"). */
    public static String propertyCode(String column) {
        return VietnameseText.fold(column).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    public Result build(Table table, Runnable onRow) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, String> properties = extraColumns(table, problems);
        Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, String> parentOf = new LinkedHashMap<>();
        for (TableRow row : table.rows()) {
            ConceptDefinitionComponent c = concept(row, properties, problems);
            onRow.run();
            if (c == null) {
                continue;
            }
            Integer first = lineOf.putIfAbsent(c.getCode(), row.line());
            if (first != null) {
                problems.add(row.problem("duplicate code \"" + c.getCode() + "\" (first on line " + first + ")"));
                continue;
            }
            concepts.put(c.getCode(), c);
            String parent = spec.parentColumn() == null ? "" : row.get(spec.parentColumn());
            if (!parent.isEmpty()) {
                parentOf.put(c.getCode(), parent);
            }
        }
        List<ConceptDefinitionComponent> roots = nest(table, concepts, parentOf, lineOf, problems);
        if (table.rows().isEmpty()) {
            problems.add(new RowProblem(table.file(), table.headerLine(), "no data rows under the header"));
        }
        if (!problems.isEmpty()) {
            return new Result(null, null, List.copyOf(problems));
        }
        CodeSystem cs = codeSystem(table, properties, roots, concepts.size());
        return new Result(cs, valueSet(), List.of());
    }

    /** Columns that are neither code, name, parent, English name nor dates, by property code. */
    private Map<String, String> extraColumns(Table table, List<RowProblem> problems) {
        List<String> known = Stream.of(spec.codeColumn(), spec.nameColumn(), spec.parentColumn(), spec.englishColumn(),
                spec.fromColumn(), spec.toColumn()).filter(Objects::nonNull).map(TableReader::normaliseHeader).toList();
        Map<String, String> byCode = new LinkedHashMap<>();
        for (String header : table.headers()) {
            if (header.isEmpty() || known.contains(header)) {
                continue;
            }
            String code = propertyCode(header);
            String clash = byCode.putIfAbsent(code.isEmpty() ? header : code, header);
            if (clash != null || code.isEmpty()) {
                problems.add(new RowProblem(table.file(), table.headerLine(), "column \"" + header
                        + "\" cannot become a property: its name gives the code \"" + code + "\""
                        + (clash == null ? "" : ", as does column \"" + clash + "\"")));
            }
        }
        return byCode;
    }

    private ConceptDefinitionComponent concept(TableRow row, Map<String, String> properties, List<RowProblem> problems) {
        String code = row.get(spec.codeColumn());
        String name = row.get(spec.nameColumn());
        int before = problems.size();
        if (code.isEmpty()) {
            problems.add(row.problem("empty code (column " + spec.codeColumn() + ")"));
        }
        if (name.isEmpty()) {
            problems.add(row.problem("empty name (column " + spec.nameColumn() + ")"));
        }
        ConceptDefinitionComponent c = new ConceptDefinitionComponent().setCode(code).setDisplay(name);
        if (spec.englishColumn() != null && !row.get(spec.englishColumn()).isEmpty()) {
            c.addDesignation().setLanguage("en").setValue(row.get(spec.englishColumn()))
                    .setUse(new Coding("http://terminology.hl7.org/CodeSystem/designation-usage", "display", null));
        }
        LocalDate from = date(row, spec.fromColumn(), problems);
        LocalDate to = date(row, spec.toColumn(), problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(row.problem("end date " + to + " is before start date " + from));
        }
        if (from != null) {
            c.addProperty().setCode(EFFECTIVE_FROM).setValue(new DateTimeType(from.toString()));
        }
        if (to != null) {
            c.addProperty().setCode(EFFECTIVE_TO).setValue(new DateTimeType(to.toString()));
        }
        properties.forEach((propertyCode, column) -> {
            String value = row.get(column);
            if (!value.isEmpty()) {
                c.addProperty().setCode(propertyCode).setValue(new StringType(value));
            }
        });
        return problems.size() == before ? c : null;
    }

    private static LocalDate date(TableRow row, String column, List<RowProblem> problems) {
        String text = column == null ? "" : row.get(column);
        if (text.isEmpty()) {
            return null;
        }
        LocalDate d = CatalogueDates.parse(text);
        if (d == null) {
            problems.add(row.problem("malformed date \"" + text + "\" in column " + column
                    + " (expected yyyy-mm-dd, dd/mm/yyyy or yyyymmdd)"));
        }
        return d;
    }

    /** Hangs each concept under its parent; parents must exist and no code may be its own ancestor. */
    private static List<ConceptDefinitionComponent> nest(Table table, Map<String, ConceptDefinitionComponent> concepts,
            Map<String, String> parentOf, Map<String, Integer> lineOf, List<RowProblem> problems) {
        List<ConceptDefinitionComponent> roots = new ArrayList<>();
        for (ConceptDefinitionComponent c : concepts.values()) {
            String parent = parentOf.get(c.getCode());
            if (parent == null) {
                roots.add(c);
            } else if (!concepts.containsKey(parent)) {
                problems.add(new RowProblem(table.file(), lineOf.get(c.getCode()),
                        "parent \"" + parent + "\" of code \"" + c.getCode() + "\" not found in the file"));
            } else if (isOwnAncestor(c.getCode(), parentOf)) {
                problems.add(new RowProblem(table.file(), lineOf.get(c.getCode()),
                        "code \"" + c.getCode() + "\" is its own ancestor (parent cycle)"));
            } else {
                concepts.get(parent).addConcept(c);
            }
        }
        return roots;
    }

    private static boolean isOwnAncestor(String code, Map<String, String> parentOf) {
        String p = parentOf.get(code);
        for (int steps = 0; p != null && steps <= parentOf.size(); steps++) {
            if (p.equals(code)) {
                return true;
            }
            p = parentOf.get(p);
        }
        return false;
    }

    private CodeSystem codeSystem(Table table, Map<String, String> properties, List<ConceptDefinitionComponent> roots,
            int count) {
        CodeSystem cs = new CodeSystem();
        describe(cs, table);
        cs.setCaseSensitive(true).setContent(CodeSystem.CodeSystemContentMode.COMPLETE).setCount(count);
        cs.setValueSet(spec.valueSetUrl());
        if (spec.parentColumn() != null) {
            cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
        }
        if (spec.fromColumn() != null && table.headers().contains(TableReader.normaliseHeader(spec.fromColumn()))) {
            cs.addProperty().setCode(EFFECTIVE_FROM).setUri(CONCEPT_PROPERTIES + EFFECTIVE_FROM).setType(PropertyType.DATETIME)
                    .setDescription("Ngày hiệu lực (column " + spec.fromColumn() + ")");
        }
        if (spec.toColumn() != null && table.headers().contains(TableReader.normaliseHeader(spec.toColumn()))) {
            cs.addProperty().setCode(EFFECTIVE_TO).setUri(CONCEPT_PROPERTIES + EFFECTIVE_TO).setType(PropertyType.DATETIME)
                    .setDescription("Ngày hết hiệu lực (column " + spec.toColumn() + ")");
        }
        properties.forEach((code, column) ->
                cs.addProperty().setCode(code).setType(PropertyType.STRING).setDescription("Column " + column));
        roots.forEach(cs::addConcept);
        return cs;
    }

    private ValueSet valueSet() {
        ValueSet vs = new ValueSet();
        describe(vs, null);
        vs.getCompose().addInclude().setSystem(spec.codeSystemUrl());
        return vs;
    }

    private void describe(org.hl7.fhir.r4.model.MetadataResource r, Table table) {
        r.setId(spec.id());
        r.setUrl(r instanceof CodeSystem ? spec.codeSystemUrl() : spec.valueSetUrl());
        r.setVersion(spec.version()).setName(computableName(spec.id())).setTitle(spec.title());
        r.setStatus(PublicationStatus.ACTIVE).setExperimental(false).setPublisher(spec.publisher());
        r.setLanguage("vi");
        if (spec.effectiveFrom() != null) {
            // the publication date is the legal one, never "today": reloading must not change the resource
            r.setDateElement(new org.hl7.fhir.r4.model.DateTimeType(spec.effectiveFrom().toString()));
        }
        if (spec.effectiveFrom() != null || spec.effectiveTo() != null) {
            Period p = new Period();
            if (spec.effectiveFrom() != null) {
                p.setStartElement(new DateTimeType(spec.effectiveFrom().toString()));
            }
            if (spec.effectiveTo() != null) {
                p.setEndElement(new DateTimeType(spec.effectiveTo().toString()));
            }
            r.addExtension(EFFECTIVE_PERIOD, p);
        }
        String source = table == null ? "" : " Nguồn (source file): " + table.file().getFileName()
                + (table.sheet() == null ? "" : ", sheet " + table.sheet()) + ".";
        r.setDescription(spec.title() + ". Căn cứ pháp lý (legal basis): " + spec.legalBasis() + "." + source);
    }

    /** FHIR's computer-friendly name: "vn-patient-object" → "VnPatientObject". */
    static String computableName(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
