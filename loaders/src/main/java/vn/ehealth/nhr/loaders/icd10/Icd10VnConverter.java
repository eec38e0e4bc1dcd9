package vn.ehealth.nhr.loaders.icd10;

import org.hl7.fhir.r4.model.CodeSystem;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts the Ministry's ICD-10 workbook (QĐ 4469/QĐ-BYT, sheet {@code ICD10} and the restriction
 * appendices) into one FHIR R4 CodeSystem. Every problem of the file is collected and reported
 * with its line; a file with any problem yields no CodeSystem, so a half-read classification is
 * never loaded.
 */
public final class Icd10VnConverter {

    /** Told about the rows of the main sheet as they are converted (for a progress bar). */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void start(int rows) {
            }

            @Override
            public void step() {
            }
        };

        void start(int rows);

        void step();
    }

    /**
     * The outcome: the CodeSystem when the file had no problem; the problems; notes on
     * irregularities of the official file that were resolved without doubt; concept counts by kind.
     */
    public record Result(Optional<CodeSystem> codeSystem, List<RowProblem> problems, List<String> notes,
                         Map<Kind, Integer> counts) {
    }

    /** Kinds of concept, for the counts. */
    public enum Kind {
        CHAPTER, BLOCK, CATEGORY, SUBCATEGORY
    }

    private final Progress progress;

    public Icd10VnConverter() {
        this(Progress.NONE);
    }

    public Icd10VnConverter(Progress progress) {
        this.progress = progress;
    }

    public Result convert(Path file) {
        List<RowProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Table table;
        try {
            table = TableReader.read(file, Icd10MainSheet.SHEET, Icd10MainSheet.REQUIRED_COLUMNS);
        } catch (TableReader.UnreadableFileException e) {
            return new Result(Optional.empty(), List.of(e.problem()), List.of(), counts(Map.of()));
        }
        progress.start(table.rows().size());
        Icd10MainSheet main = new Icd10MainSheet(problems, notes);
        main.read(table, progress::step);

        List<Icd10Appendices.Entry> entries = new Icd10Appendices(problems).read(file);
        Icd10Restrictions restrictions = new Icd10Restrictions(main.nodes(), entries, problems, notes);
        // Resolve every restriction now so that conflicts count as problems before anything is built.
        main.nodes().values().stream().filter(Icd10Node::isCode).forEach(n -> restrictions.of(n.code));

        Map<Kind, Integer> counts = counts(main.nodes());
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), List.copyOf(problems), List.copyOf(notes), counts);
        }
        CodeSystem cs = new Icd10CodeSystemBuilder(main.nodes(), restrictions).build();
        return new Result(Optional.of(cs), List.of(), List.copyOf(notes), counts);
    }

    private static Map<Kind, Integer> counts(Map<String, Icd10Node> nodes) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0);
        }
        nodes.values().forEach(n -> counts.merge(n.kind, 1, Integer::sum));
        return counts;
    }
}
