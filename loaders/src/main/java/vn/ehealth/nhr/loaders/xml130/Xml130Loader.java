package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.loaders.ClientCredentialsTokens;

import java.util.List;

/**
 * Maps each episode and sends it as one transaction; the same for the command line (over HTTP) and
 * the server operation (through the server's own transaction processing). A refused episode never
 * stops the next one.
 */
public final class Xml130Loader {

    /** What the server answered to one transaction. */
    public record Answer(Bundle response, OperationOutcome refusal, String message) {

        public static Answer accepted(Bundle response) {
            return new Answer(response, null, null);
        }

        public static Answer refused(OperationOutcome outcome, String message) {
            return new Answer(null, outcome, message);
        }
    }

    /** Sends one transaction Bundle; never throws for a refusal. */
    @FunctionalInterface
    public interface Sender {
        Answer send(Bundle transaction);
    }

    private final Xml130EpisodeMapper mapper;
    private final Sender sender;
    private final EpisodeInventory inventory;

    /** {@code sender} null: map and check only (dry run). Rows removed since an earlier load are left alone. */
    public Xml130Loader(Xml130EpisodeMapper mapper, Sender sender) {
        this(mapper, sender, null);
    }

    /** {@code inventory}: what an earlier load stored, so that rows gone from the file are withdrawn with the update. */
    public Xml130Loader(Xml130EpisodeMapper mapper, Sender sender, EpisodeInventory inventory) {
        this.mapper = mapper;
        this.sender = sender;
        this.inventory = inventory;
    }

    public Xml130Report.EpisodeOutcome load(Xml130Episode episode) {
        MappedEpisode mapped = mapper.map(episode);
        if (mapped.refused()) {
            return outcome(episode, Xml130Report.Status.REFUSED, null, mapped.problems(), 0);
        }
        if (sender == null) {
            return outcome(episode, Xml130Report.Status.CHECKED, null, List.of(), 0);
        }
        if (inventory != null) {
            try {
                mapped = RemovedRows.withdrawGone(mapped, inventory);
            } catch (ClientCredentialsTokens.TokenUnavailableException e) {
                throw e; // no token, no load: the run stops with one line, not a refusal per episode
            } catch (RuntimeException e) {
                // without what was stored before, a reload could leave withdrawn rows active: send nothing
                return outcome(episode, Xml130Report.Status.REFUSED, null, List.of(Xml130Problem.general(
                        "không đọc được dữ liệu đã nạp trước của hồ sơ: " + e.getMessage(),
                        "cannot read what an earlier load of the record stored: " + e.getMessage())), 0);
            }
        }
        Answer answer = sender.send(mapped.transaction());
        if (answer.response() == null) {
            return outcome(episode, Xml130Report.Status.REFUSED, null, mapped.explain(answer.refusal(), answer.message()), 0);
        }
        int index = encounterIndex(mapped.transaction());
        Bundle.BundleEntryResponseComponent r = answer.response().getEntry().get(index).getResponse();
        boolean created = r.getStatus() != null && r.getStatus().startsWith("201");
        String id = r.hasLocation() ? new IdType(r.getLocation()).getIdPart() : null;
        return outcome(episode, created ? Xml130Report.Status.LOADED : Xml130Report.Status.UPDATED, id, List.of(),
                RemovedRows.count(mapped.transaction()));
    }

    private static int encounterIndex(Bundle tx) {
        for (int i = 0; i < tx.getEntry().size(); i++) {
            if (tx.getEntry().get(i).getResource() instanceof Encounter) {
                return i;
            }
        }
        throw new IllegalStateException("an episode transaction always holds its Encounter");
    }

    private static Xml130Report.EpisodeOutcome outcome(Xml130Episode e, Xml130Report.Status status, String encounterId,
            List<Xml130Problem> problems, int removedRows) {
        return new Xml130Report.EpisodeOutcome(e.file(), e.label(), e.maLk(), status, encounterId, problems, removedRows);
    }
}
