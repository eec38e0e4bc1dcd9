package vn.ehealth.nhr.server.security;

import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.List;
import java.util.Map;

/**
 * What a token's SMART scopes say about one interaction on one resource type, judged in one
 * context. Scopes only ever narrow: an allowed decision is still subject to the patient
 * compartment ({@link #compartmentLimited()}) and to the consent rules.
 *
 * @param allowed     whether some granted scope covers the interaction
 * @param context     the context the decision was made in; {@link ScopeContext#PATIENT} means the
 *                    request is limited to the compartment of the token's patient
 * @param resourceType the type asked about
 * @param interaction the interaction asked about
 * @param grantedBy   the winning scope, or, when only restricted scopes match, every matching one
 *                    (their restrictions are alternatives: a resource may match any of them);
 *                    empty when refused
 * @param refusal     why not, in Vietnamese and English; {@code null} when allowed
 */
public record ScopeDecision(
        boolean allowed,
        ScopeContext context,
        String resourceType,
        SmartInteraction interaction,
        List<SmartScope> grantedBy,
        RuleViolation refusal) {

    /** Rule key of a refusal by scope (OperationOutcome issue details). */
    public static final String RULE = "nhr-smart-scope-insufficient";

    /** Where a scope's query restriction ({@code ?category=laboratory}) is enforced. */
    public enum Enforcement {
        /** Nothing to enforce: unrestricted, or refused anyway. */
        NONE,
        /** A search: the restriction's parameters are added to the search (AND), alternatives OR'ed. */
        ADDED_TO_SEARCH,
        /**
         * Read, create, update, delete: there is no query to narrow, so the resource itself (stored
         * or sent) must match the restriction, or the request is refused.
         */
        RESOURCE_MUST_MATCH
    }

    public ScopeDecision {
        grantedBy = List.copyOf(grantedBy);
    }

    /** Whether the request is confined to the Patient compartment of the token's patient. */
    public boolean compartmentLimited() {
        return allowed && context == ScopeContext.PATIENT;
    }

    /** Allowed, but only for resources matching the restriction of one of the granting scopes. */
    public boolean restricted() {
        return allowed && grantedBy.stream().allMatch(SmartScope::isRestricted);
    }

    /** The alternatives (any one suffices) that narrow what is allowed; empty when not restricted. */
    public List<Map<String, List<String>>> restrictions() {
        return restricted() ? grantedBy.stream().map(SmartScope::restriction).toList() : List.of();
    }

    public Enforcement enforcement() {
        if (!restricted()) {
            return Enforcement.NONE;
        }
        return interaction == SmartInteraction.SEARCH ? Enforcement.ADDED_TO_SEARCH : Enforcement.RESOURCE_MUST_MATCH;
    }
}
