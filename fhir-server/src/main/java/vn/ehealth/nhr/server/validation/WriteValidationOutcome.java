package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * How a write learns what validation found: errors refuse it with HTTP 422 and an OperationOutcome
 * that points into the request body (inside a transaction, at the entry); warnings are kept on the
 * request and added to the OperationOutcome a client asks for with
 * {@code Prefer: return=OperationOutcome}. A rule that a write breaks because of what is already
 * stored (a status transition, a duplicate, a conflicting record) refuses it with HTTP 409 instead.
 * Public for the record rules of other packages.
 */
public final class WriteValidationOutcome {

    static final String WARNINGS_KEY = WriteValidationOutcome.class.getName() + ".warnings";
    static final String TRANSACTION_KEY = WriteValidationOutcome.class.getName() + ".transaction";

    private WriteValidationOutcome() {
    }

    /**
     * Where in the request body {@code resource} sits: "Bundle.entry[3].resource" for a transaction
     * or batch entry, null when the resource is the body itself.
     */
    public static String locationPrefix(RequestDetails request, IBaseResource resource) {
        Bundle bundle = requestBundle(request);
        if (bundle != null && bundle != resource) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).getResource() == resource) {
                    return "Bundle.entry[" + i + "].resource";
                }
            }
        }
        return null;
    }

    /** Remembers the transaction or batch Bundle being processed, so entries can be located in it. */
    static void rememberTransaction(IBaseResource bundle, RequestDetails request) {
        if (request != null && bundle != null) {
            request.getUserData().put(TRANSACTION_KEY, bundle);
        }
    }

    /** The Bundle the request carries: a transaction being processed, or the body of a Bundle write. */
    public static Bundle requestBundle(RequestDetails request) {
        if (request == null) {
            return null;
        }
        if (request.getUserData().get(TRANSACTION_KEY) instanceof Bundle transaction) {
            return transaction;
        }
        return request.getResource() instanceof Bundle body ? body : null;
    }

    /** Adds one broken rule of the guide's code-based rules as an issue, in the caller's language. */
    public static void addIssue(OperationOutcome outcome, RuleViolation violation, OperationOutcome.IssueSeverity severity,
                         OperationOutcome.IssueType type, MessageLanguage language, String location) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity)
                .setCode(type)
                .setDiagnostics(violation.english());
        issue.getDetails().setText(violation.message(language.tag())).addCoding()
                .setSystem(GuideValidation.RULE_SYSTEM).setCode(violation.rule());
        issue.addExpression(location);
        issue.addLocation(location);
    }

    static void refuse(FhirContext fhirContext, OperationOutcome outcome) {
        throw new UnprocessableEntityException(fhirContext, outcome);
    }

    /**
     * Refuses a write that conflicts with what is stored: HTTP 409 with the OperationOutcome
     * (thrown from a PRESTORAGE hook, so the whole database transaction rolls back).
     */
    public static void refuseAsConflict(OperationOutcome outcome) {
        throw new ResourceVersionConflictException(outcome.getIssueFirstRep().getDetails().getText(), outcome);
    }

    /**
     * Refuses with 409 for one broken rule, located at {@code path} (e.g. "Immunization.vaccineCode")
     * of the resource being written (inside a transaction: at its entry), in the caller's language.
     */
    public static void refuseAsConflict(RequestDetails request, IBaseResource resource, RuleViolation violation,
                                        OperationOutcome.IssueType type, String path) {
        OperationOutcome outcome = new OperationOutcome();
        addIssue(outcome, violation, OperationOutcome.IssueSeverity.ERROR, type, RequestLanguage.of(request),
                GuideValidation.relocate(path, locationPrefix(request, resource)));
        refuseAsConflict(outcome);
    }

    @SuppressWarnings("unchecked")
    static void keepWarnings(RequestDetails request, OperationOutcome warnings) {
        if (request == null || warnings.getIssue().isEmpty()) {
            return;
        }
        List<OperationOutcome.OperationOutcomeIssueComponent> kept = (List<OperationOutcome.OperationOutcomeIssueComponent>)
                request.getUserData().computeIfAbsent(WARNINGS_KEY, k -> new ArrayList<>());
        kept.addAll(warnings.getIssue());
    }

    @SuppressWarnings("unchecked")
    static List<OperationOutcome.OperationOutcomeIssueComponent> keptWarnings(RequestDetails request) {
        Object kept = request == null ? null : request.getUserData().get(WARNINGS_KEY);
        return kept == null ? List.of() : (List<OperationOutcome.OperationOutcomeIssueComponent>) kept;
    }
}
