package vn.ehealth.nhr.loaders.adminunits;

import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.UriType;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;
import vn.ehealth.nhr.loaders.table.TableRow;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static vn.ehealth.nhr.terminology.AdministrativeUnits.SYSTEM;
import static vn.ehealth.nhr.terminology.AdministrativeUnits.conceptMapUrl;

/**
 * Reads the reorganisation map (CSV or xlsx, columns {@code old_code, old_version, new_code,
 * relationship}, optional {@code comment}) and turns it into a ConceptMap from the old version's
 * codes to the new version's. Relationship says what the new unit is to the old one's meaning:
 * {@code equivalent} (same territory, maybe renamed or recoded), {@code wider} (the new unit
 * absorbed the old one), {@code narrower} (the old unit was split).
 */
public final class ReorganisationMap {

    /** The map, when there is no problem. */
    public record Result(ConceptMap conceptMap, String oldVersion, List<RowProblem> problems, int rows) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final Set<String> REQUIRED = Set.of("old_code", "old_version", "new_code", "relationship");
    private static final Pattern CODE = Pattern.compile("\\d{2}|\\d{3}|\\d{5}");
    private static final Map<String, ConceptMapEquivalence> RELATIONSHIPS = Map.of(
            "equivalent", ConceptMapEquivalence.EQUIVALENT,
            "wider", ConceptMapEquivalence.WIDER,
            "narrower", ConceptMapEquivalence.NARROWER);

    private ReorganisationMap() {
    }

    /**
     * @param newUnits   the new list: every new code must be in it
     * @param oldCodes   codes of the old version when known (e.g. the shipped list), else null
     */
    public static Result read(Path file, AdminUnitList newUnits, String newVersion, LocalDate effectiveFrom,
                              OldCodes oldCodes) {
        Table table;
        try {
            table = TableReader.read(file, null, REQUIRED);
        } catch (TableReader.UnreadableFileException e) {
            return new Result(null, null, List.of(e.problem()), 0);
        }
        List<RowProblem> problems = new ArrayList<>();
        Map<String, SourceElementComponent> elements = new LinkedHashMap<>();
        Map<String, Integer> pairLines = new HashMap<>();
        String oldVersion = null;
        int oldVersionLine = 0;
        for (TableRow row : table.rows()) {
            String oldCode = row.get("old_code");
            String version = row.get("old_version");
            String newCode = row.get("new_code");
            String relationship = row.get("relationship").toLowerCase(java.util.Locale.ROOT);
            int before = problems.size();
            if (!CODE.matcher(oldCode).matches()) {
                problems.add(row.problem("wrong code format: old_code \"" + oldCode + "\" must be 2, 3 or 5 digits"));
            }
            if (version.isEmpty()) {
                problems.add(row.problem("old_version is empty"));
            } else if (oldVersion == null) {
                oldVersion = version;
                oldVersionLine = row.line();
            } else if (!oldVersion.equals(version)) {
                problems.add(row.problem("old_version \"" + version + "\" differs from \"" + oldVersion
                        + "\" on line " + oldVersionLine + " (one map per pair of versions)"));
            }
            if (version.equals(newVersion)) {
                problems.add(row.problem("old_version equals the new version " + newVersion));
            }
            if (!newUnits.contains(newCode)) {
                problems.add(row.problem("new_code \"" + newCode + "\" is not in the new list " + newVersion));
            }
            if (!RELATIONSHIPS.containsKey(relationship)) {
                problems.add(row.problem("relationship \"" + row.get("relationship")
                        + "\" must be one of equivalent, wider, narrower"));
            }
            if (oldCodes != null && oldCodes.appliesTo(version) && !oldCodes.codes().contains(oldCode)) {
                problems.add(row.problem("old_code \"" + oldCode + "\" is not in the list " + version));
            }
            Integer firstLine = pairLines.putIfAbsent(oldCode + ">" + newCode, row.line());
            if (firstLine != null) {
                problems.add(row.problem("duplicate mapping " + oldCode + " → " + newCode + " (first on line " + firstLine + ")"));
            }
            if (problems.size() > before) {
                continue;
            }
            SourceElementComponent element = elements.computeIfAbsent(oldCode,
                    c -> new SourceElementComponent().setCode(c));
            var target = element.addTarget().setCode(newCode).setEquivalence(RELATIONSHIPS.get(relationship));
            if (!row.get("comment").isEmpty()) {
                target.setComment(row.get("comment"));
            }
        }
        if (table.rows().isEmpty()) {
            problems.add(new RowProblem(file, table.headerLine(), "the map has no rows"));
        }
        if (!problems.isEmpty()) {
            return new Result(null, oldVersion, List.copyOf(problems), table.rows().size());
        }
        return new Result(conceptMap(elements, oldVersion, newVersion, effectiveFrom, file), oldVersion,
                List.of(), table.rows().size());
    }

    /** Codes of an old version the loader knows (the shipped list), to check old_code against. */
    public record OldCodes(String version, Set<String> codes) {
        boolean appliesTo(String v) {
            return version.equals(v);
        }
    }

    private static ConceptMap conceptMap(Map<String, SourceElementComponent> elements, String oldVersion,
                                         String newVersion, LocalDate effectiveFrom, Path file) {
        ConceptMap map = new ConceptMap();
        map.setId("vn-administrative-units-" + oldVersion + "-to-" + newVersion);
        map.setLanguage("vi");
        map.setUrl(conceptMapUrl(oldVersion, newVersion));
        map.setVersion(newVersion);
        map.setName("VNAdministrativeUnitsReorganisation");
        map.setTitle("Sắp xếp đơn vị hành chính: " + oldVersion + " → " + newVersion);
        map.setStatus(PublicationStatus.ACTIVE);
        map.setExperimental(false);
        map.setDateElement(new DateTimeType(effectiveFrom.toString()));
        map.setPublisher(AdminUnitsCodeSystem.PUBLISHER);
        map.setDescription("Từ mã đơn vị hành chính phiên bản " + oldVersion + " sang phiên bản " + newVersion
                + ". Maps administrative-unit codes of list " + oldVersion + " to list " + newVersion
                + " (reorganisation); converted by nhr-load admin-units from " + file.getFileName() + ".");
        map.setSource(new UriType(SYSTEM + "|" + oldVersion));
        map.setTarget(new UriType(SYSTEM + "|" + newVersion));
        ConceptMapGroupComponent group = map.addGroup()
                .setSource(SYSTEM).setSourceVersion(oldVersion)
                .setTarget(SYSTEM).setTargetVersion(newVersion);
        elements.values().forEach(group::addElement);
        return map;
    }
}
