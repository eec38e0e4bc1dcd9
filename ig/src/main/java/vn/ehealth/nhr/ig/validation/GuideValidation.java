package vn.ehealth.nhr.ig.validation;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.List;

/** What the validator said about one resource. */
public record GuideValidation(List<Finding> findings) {

    /** Code system of OperationOutcome.issue.details codes: the name of the broken rule. */
    public static final String RULE_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/validation-rule";

    public GuideValidation {
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    /** Every finding as an OperationOutcome in the caller's language. */
    public OperationOutcome toOperationOutcome(MessageLanguage language) {
        OperationOutcome outcome = new OperationOutcome();
        addTo(outcome, language, null);
        return outcome;
    }

    /**
     * Adds every finding to {@code outcome}; {@code locationPrefix} (e.g. "Bundle.entry[3].resource")
     * replaces the resource type at the start of each location so that a problem in a transaction
     * entry points at that entry.
     */
    public void addTo(OperationOutcome outcome, MessageLanguage language, String locationPrefix) {
        for (Finding f : findings) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(f.severity())
                    .setCode(f.type())
                    .setDetails(new CodeableConcept().setText(f.message(language)))
                    .setDiagnostics(f.diagnostics());
            issue.getDetails().addCoding().setSystem(RULE_SYSTEM).setCode(f.rule());
            if (f.location() != null) {
                String location = relocate(f.location(), locationPrefix);
                issue.addExpression(location);
                issue.getLocation().add(new StringType(location));
            }
        }
    }

    /** "Patient.identifier[0]" under "Bundle.entry[2].resource" is "Bundle.entry[2].resource.identifier[0]". */
    public static String relocate(String location, String prefix) {
        if (prefix == null) {
            return location;
        }
        int dot = location.indexOf('.');
        return dot < 0 ? prefix : prefix + location.substring(dot);
    }
}
