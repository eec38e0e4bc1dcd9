package vn.ehealth.nhr.ig.validation;

import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import vn.ehealth.nhr.profiles.MessageLanguage;

/**
 * One problem the validator found, in both languages.
 *
 * @param rule       stable name of the broken rule: the guide's invariant key ("nhr-pat-cccd-sex"),
 *                   or the FHIR validator's message id for rules of the base specification
 * @param location   FHIRPath of the offending element ("Patient.identifier[0]")
 * @param diagnostics the validator's own words, kept for support cases
 */
public record Finding(IssueSeverity severity, IssueType type, String rule, String location,
                      String vietnamese, String english, String diagnostics) {

    public String message(MessageLanguage language) {
        return language == MessageLanguage.ENGLISH ? english : vietnamese;
    }

    public boolean isError() {
        return severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL;
    }
}
