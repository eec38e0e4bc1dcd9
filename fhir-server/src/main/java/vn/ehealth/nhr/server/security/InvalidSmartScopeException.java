package vn.ehealth.nhr.server.security;

import vn.ehealth.nhr.profiles.RuleViolation;

/**
 * A scope string that is neither a valid SMART resource scope nor a non-resource scope. The
 * {@link #violation()} says in Vietnamese and English what is wrong and how to write it.
 */
public class InvalidSmartScopeException extends IllegalArgumentException {

    private final transient RuleViolation violation;

    public InvalidSmartScopeException(RuleViolation violation) {
        super(violation.english());
        this.violation = violation;
    }

    public RuleViolation violation() {
        return violation;
    }
}
