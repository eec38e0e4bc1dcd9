package vn.ehealth.nhr.loaders.xml130;

import vn.ehealth.nhr.profiles.MessageLanguage;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to each episode of each file: loaded (new), updated (loaded before), refused and why;
 * and notes on a whole file (its signature, its declared record count).
 */
public final class Xml130Report {

    public enum Status { LOADED, UPDATED, REFUSED, CHECKED }

    /** {@code removedRows}: resources of an earlier load marked entered-in-error because their rows are gone from the file. */
    public record EpisodeOutcome(String file, String label, String maLk, Status status, String encounterId,
            List<Xml130Problem> problems, int removedRows) {

        public EpisodeOutcome(String file, String label, String maLk, Status status, String encounterId,
                List<Xml130Problem> problems) {
            this(file, label, maLk, status, encounterId, problems, 0);
        }
    }

    /** Counts of one file. */
    public static final class FileSummary {
        private int loaded;
        private int updated;
        private int refused;
        private int checked;
        private int removedRows;
        private final List<Xml130Problem> notes = new ArrayList<>();

        public int loaded() {
            return loaded;
        }

        public int updated() {
            return updated;
        }

        public int refused() {
            return refused;
        }

        public int checked() {
            return checked;
        }

        public List<Xml130Problem> notes() {
            return List.copyOf(notes);
        }

        public int removedRows() {
            return removedRows;
        }
    }

    private final List<EpisodeOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, FileSummary> files = new LinkedHashMap<>();

    public synchronized void add(EpisodeOutcome outcome) {
        outcomes.add(outcome);
        FileSummary f = files.computeIfAbsent(outcome.file(), k -> new FileSummary());
        switch (outcome.status()) {
            case LOADED -> f.loaded++;
            case UPDATED -> f.updated++;
            case REFUSED -> f.refused++;
            case CHECKED -> f.checked++;
        }
        f.removedRows += outcome.removedRows();
    }

    /** A finding on the whole file (not an episode's), e.g. "CHUKYDONVI: valid signature, signed by CN=...". */
    public synchronized void note(String file, Xml130Problem note) {
        files.computeIfAbsent(file, k -> new FileSummary()).notes.add(note);
    }

    /** Every file's notes, in order. */
    public synchronized List<Xml130Problem> notes() {
        return files.values().stream().flatMap(f -> f.notes.stream()).toList();
    }

    public List<EpisodeOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized Map<String, FileSummary> files() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public long count(Status status) {
        return outcomes().stream().filter(o -> o.status() == status).count();
    }

    /** Per file: the counts, then every refused episode with its problems, one per line. */
    public void print(PrintWriter out, MessageLanguage language) {
        boolean en = language == MessageLanguage.ENGLISH;
        for (var file : files().entrySet()) {
            FileSummary s = file.getValue();
            out.println(en
                    ? String.format("%s: %d loaded, %d updated, %d refused%s", file.getKey(), s.loaded, s.updated, s.refused,
                            s.checked > 0 ? ", " + s.checked + " checked (dry run)" : "")
                    : String.format("%s: %d hồ sơ nạp mới, %d cập nhật, %d bị từ chối%s", file.getKey(), s.loaded, s.updated,
                            s.refused, s.checked > 0 ? ", " + s.checked + " đã kiểm tra (chạy thử)" : ""));
            if (s.removedRows > 0) {
                out.println(en ? "  " + s.removedRows + " resources of rows no longer in the file marked entered-in-error"
                        : "  " + s.removedRows + " tài nguyên của các dòng không còn trong tệp được đánh dấu nhập nhầm (entered-in-error)");
            }
            s.notes.forEach(n -> out.println("  " + n.format(language)));
            for (EpisodeOutcome o : outcomes()) {
                if (o.file().equals(file.getKey()) && o.status() == Status.REFUSED) {
                    out.println("  " + (en ? "refused " : "từ chối ") + o.label());
                    o.problems().forEach(p -> out.println("    " + p.format(language)));
                }
            }
        }
        out.flush();
    }
}
