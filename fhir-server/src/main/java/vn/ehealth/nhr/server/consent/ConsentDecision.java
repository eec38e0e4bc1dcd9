package vn.ehealth.nhr.server.consent;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of {@link CitizenConsentRules} for one resource, explained for the citizen's access
 * log in Vietnamese and English (as {@code vn.ehealth.nhr.profiles.RuleViolation} does for broken
 * rules).
 *
 * @param basis        the rule that decided (stable key for audit records and tests)
 * @param consentId    "Consent/&lt;id&gt;" of the deciding Consent, or null when no Consent decided
 * @param provision    FHIRPath-like path of the deciding provision ("provision.provision[0]"), or null
 * @param emergencyJustification the break-the-glass justification when {@link #breakTheGlass()}
 * @param obligations  what the caller must do with a permitted resource
 */
public record ConsentDecision(Outcome outcome, Basis basis, String consentId, String provision,
                              String vietnamese, String english, String emergencyJustification,
                              Set<Obligation> obligations) {

    public enum Outcome { PERMIT, DENY }

    /** Which rule decided; each value's key is the stable code written into audit records. */
    public enum Basis {
        OWN_RECORD("nhr-consent-own-record"),
        NOT_OWN_RECORD("nhr-consent-not-own-record"),
        AUTHORED_BY_FACILITY("nhr-consent-authored-by-facility"),
        CONSENT_PERMIT("nhr-consent-permit"),
        CONSENT_DENY("nhr-consent-deny"),
        SENSITIVE_NOT_EXPLICITLY_PERMITTED("nhr-consent-sensitive-not-explicit"),
        NO_APPLICABLE_CONSENT("nhr-consent-none-applicable"),
        BREAK_THE_GLASS("nhr-consent-break-the-glass"),
        BREAK_THE_GLASS_NOT_ALLOWED("nhr-consent-break-the-glass-not-allowed"),
        ANALYST("nhr-consent-analyst"),
        ADMINISTRATOR("nhr-consent-administrator");

        private final String key;

        Basis(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Duties attached to a permit. */
    public enum Obligation {
        /** Analysts: de-identify Patients and re-point patient references to the pseudonym. */
        DE_IDENTIFY,
        /** Administrator reads and break-the-glass: audit, shown prominently to the citizen. */
        AUDIT_PROMINENTLY
    }

    public ConsentDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(vietnamese, "vietnamese");
        Objects.requireNonNull(english, "english");
        obligations = obligations == null ? Set.of() : Set.copyOf(obligations);
    }

    static ConsentDecision permit(Basis basis, String consentId, String provision, String vi, String en) {
        return new ConsentDecision(Outcome.PERMIT, basis, consentId, provision, vi, en, null, Set.of());
    }

    static ConsentDecision deny(Basis basis, String consentId, String provision, String vi, String en) {
        return new ConsentDecision(Outcome.DENY, basis, consentId, provision, vi, en, null, Set.of());
    }

    ConsentDecision withObligations(Set<Obligation> duties) {
        return new ConsentDecision(outcome, basis, consentId, provision, vietnamese, english, emergencyJustification, duties);
    }

    public boolean permitted() {
        return outcome == Outcome.PERMIT;
    }

    public boolean breakTheGlass() {
        return basis == Basis.BREAK_THE_GLASS;
    }

    public Optional<String> emergency() {
        return Optional.ofNullable(emergencyJustification);
    }

    /** The reason in the requested language: English for "en…", Vietnamese otherwise. */
    public String message(String language) {
        return language != null && language.toLowerCase().startsWith("en") ? english : vietnamese;
    }
}
