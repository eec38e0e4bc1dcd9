package vn.ehealth.nhr.loaders.techservices;

import org.hl7.fhir.r4.model.MetadataResource;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;

import java.nio.file.Path;
import java.util.List;

/**
 * Converts Appendix 3 (technical services ↔ ICD-9-CM volume 3, sheet {@code Sheet0}) into its five
 * resources. Every problem of the file is collected with its line; a file with any problem yields
 * no resource, so a half-read list is never loaded.
 */
public final class TechnicalServicesConverter {

    public static final String SHEET = "Sheet0";

    /** The resources (empty on any problem), the problems, notes on merged irregularities, and the counts. */
    public record Result(List<MetadataResource> resources, List<RowProblem> problems, List<String> notes,
                         int services, int procedures, int mappedServices) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Sheet0 for a workbook; a CSV export of the sheet is read too. */
    public Result convert(Path file, Runnable onRow) {
        Table table;
        try {
            table = TableReader.read(file, file.toString().toLowerCase().endsWith(".xlsx") ? SHEET : null,
                    TechnicalServiceTable.REQUIRED_COLUMNS);
        } catch (TableReader.UnreadableFileException e) {
            return new Result(List.of(), List.of(e.problem()), List.of(), 0, 0, 0);
        }
        TechnicalServiceTable rows = new TechnicalServiceTable();
        rows.read(table, onRow);
        int services = rows.services().size();
        int procedures = rows.procedures().size();
        int mapped = (int) rows.services().values().stream().filter(s -> !s.icd9Codes().isEmpty()).count();
        if (!rows.problems().isEmpty()) {
            return new Result(List.of(), List.copyOf(rows.problems()), List.copyOf(rows.notes()), services, procedures, mapped);
        }
        List<MetadataResource> resources = new TechnicalServiceResources(rows, file.getFileName().toString()).build();
        return new Result(resources, List.of(), List.copyOf(rows.notes()), services, procedures, mapped);
    }
}
