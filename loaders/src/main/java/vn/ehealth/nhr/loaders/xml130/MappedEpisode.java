package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An episode ready to send (a transaction Bundle) or refused before sending (its problems), with
 * the XML row behind each entry so that a server refusal of entry n can be told in XML terms.
 */
public record MappedEpisode(Xml130Episode episode, Bundle transaction, List<String> entrySources,
        List<Xml130Problem> problems) {

    private static final Pattern ENTRY = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    public boolean refused() {
        return !problems.isEmpty();
    }

    public String maLk() {
        return episode.maLk();
    }

    /** The server's refusal, each issue prefixed with the XML row its entry came from ("XML2 STT 7: ..."). */
    public List<Xml130Problem> explain(OperationOutcome outcome, String fallback) {
        List<Xml130Problem> out = new ArrayList<>();
        if (outcome != null) {
            for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
                if (issue.getSeverity() != OperationOutcome.IssueSeverity.ERROR
                        && issue.getSeverity() != OperationOutcome.IssueSeverity.FATAL) {
                    continue;
                }
                // details.text is in the language asked for; diagnostics is the technical (English) text
                String text = issue.getDetails().hasText() ? issue.getDetails().getText() : issue.getDiagnostics();
                String rule = issue.getDetails().getCoding().stream().map(c -> c.getCode()).filter(c -> c != null)
                        .findFirst().orElse(null);
                if (rule != null) {
                    text = text + " (" + rule + ")";
                }
                String where = null;
                for (var expression : issue.getExpression()) {
                    Matcher m = ENTRY.matcher(expression.getValue());
                    if (m.find()) {
                        int i = Integer.parseInt(m.group(1));
                        where = i < entrySources.size() ? entrySources.get(i) : null;
                        if (where != null) {
                            text = text + " [" + expression.getValue().replaceFirst("^Bundle\\.entry\\[\\d+]\\.resource\\.?", "") + "]";
                        }
                        break;
                    }
                }
                String message = (where == null ? "" : where + ": ") + text;
                out.add(Xml130Problem.general(message, message));
            }
        }
        if (out.isEmpty()) {
            out.add(Xml130Problem.general(fallback, fallback));
        }
        return out;
    }

    /** The problems in one language, one per line. */
    public List<String> describe(MessageLanguage language) {
        return problems.stream().map(p -> p.format(language)).toList();
    }
}
