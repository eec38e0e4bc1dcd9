package vn.ehealth.nhr.server.security;

import vn.ehealth.nhr.server.consent.Accessor;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, for one request: built once from the verified token (or the sandbox), and read by
 * every rule below the REST layer (scopes, consent, write rules, audit), so none of them reads the
 * token or the HTTP request on its own.
 *
 * @param accessor               the person or system, as the consent rules know it; null when anonymous or
 *                               when the token names no role this server knows
 * @param scopes                 the token's SMART scopes (empty when anonymous)
 * @param subject                the token's {@code sub} (Keycloak user or service-account id)
 * @param clientId               the OAuth2 client the request came through ({@code azp})
 * @param userName               {@code preferred_username}, for the audit log
 * @param purposeOfUse           a v3 PurposeOfUse code the caller declared ({@code ETREAT} = break the glass), or null
 * @param emergencyJustification the free-text reason that must accompany {@code ETREAT}
 * @param mode                   anonymous, signed in, or the open sandbox
 */
public record AccessContext(Accessor accessor, SmartScopes scopes, String subject, String clientId, String userName,
        String purposeOfUse, String emergencyJustification, Mode mode) {

    public enum Mode {
        /** No token: only the public catalogues and the CapabilityStatement. */
        ANONYMOUS,
        /** A verified token. */
        SIGNED_IN,
        /** No issuer configured: everything is allowed (embedded database only). */
        SANDBOX
    }

    /** The v3 PurposeOfUse code of emergency treatment: break the glass. */
    public static final String EMERGENCY_TREATMENT = "ETREAT";

    public AccessContext {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(mode, "mode");
    }

    public static AccessContext anonymous() {
        return new AccessContext(null, SmartScopes.parse(""), null, null, null, null, null, Mode.ANONYMOUS);
    }

    public static AccessContext sandbox() {
        return new AccessContext(Accessor.administrator(), SmartScopes.parse(""), "sandbox", "sandbox", "sandbox",
                null, null, Mode.SANDBOX);
    }

    public boolean isAnonymous() {
        return mode == Mode.ANONYMOUS;
    }

    public boolean isSandbox() {
        return mode == Mode.SANDBOX;
    }

    public Optional<Accessor> accessorIfKnown() {
        return Optional.ofNullable(accessor);
    }

    public boolean is(Accessor.Kind kind) {
        return accessor != null && accessor.kind() == kind;
    }

    /** Break the glass: {@code ETREAT} declared (with or without the mandatory justification). */
    public boolean claimsEmergency() {
        return EMERGENCY_TREATMENT.equals(purposeOfUse);
    }

    /** The context the token's scopes are judged in: the citizen's app speaks for a patient, EMR systems for themselves. */
    public ScopeContext scopeContext() {
        if (accessor == null) {
            return ScopeContext.USER;
        }
        return switch (accessor.kind()) {
            case CITIZEN -> ScopeContext.PATIENT;
            case EMR_SYSTEM -> ScopeContext.SYSTEM;
            default -> ScopeContext.USER;
        };
    }
}
