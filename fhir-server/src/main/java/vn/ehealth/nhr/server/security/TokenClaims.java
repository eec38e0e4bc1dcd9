package vn.ehealth.nhr.server.security;

import org.springframework.security.oauth2.jwt.Jwt;
import vn.ehealth.nhr.server.consent.Accessor;

import java.util.List;

/**
 * The claims the realm's protocol mappers put in every token (README, "Claims"), turned into an
 * {@link AccessContext}. The role decides the kind of accessor; the other claims must be there for
 * it, or the token names nobody this server knows (then {@code accessor} is null and every request
 * is refused with the reason).
 */
public final class TokenClaims {

    public static final String ROLES = "roles";
    public static final String CCCD = "cccd";
    public static final String FACILITY_CODE = "facility_code";
    public static final String PRACTITIONER_LICENCE = "practitioner_licence";
    public static final String SCOPE = "scope";
    public static final String AUTHORIZED_PARTY = "azp";
    public static final String USER_NAME = "preferred_username";

    /** Realm roles, most powerful first: a token with several is judged by the first. */
    public static final List<String> ROLE_ORDER = List.of("admin", "analyst", "clinician", "emr-system", "facility-staff", "citizen");

    private TokenClaims() {
    }

    static AccessContext toAccessContext(Jwt jwt, String purposeOfUse, String justification) {
        List<String> roles = jwt.hasClaim(ROLES) ? jwt.getClaimAsStringList(ROLES) : List.of();
        return new AccessContext(accessor(roles, jwt), SmartScopes.parse(jwt.getClaimAsString(SCOPE)),
                jwt.getSubject(), jwt.getClaimAsString(AUTHORIZED_PARTY), jwt.getClaimAsString(USER_NAME),
                purposeOfUse == null || purposeOfUse.isBlank() ? null : purposeOfUse.strip().toUpperCase(java.util.Locale.ROOT),
                justification, AccessContext.Mode.SIGNED_IN);
    }

    static Accessor accessor(List<String> roles, Jwt jwt) {
        String facility = text(jwt, FACILITY_CODE);
        String licence = text(jwt, PRACTITIONER_LICENCE);
        String cccd = text(jwt, CCCD);
        for (String role : ROLE_ORDER) {
            if (!roles.contains(role)) {
                continue;
            }
            switch (role) {
                case "admin":
                    return Accessor.administrator();
                case "analyst":
                    return Accessor.analyst();
                case "clinician":
                    if (facility != null && licence != null) {
                        return Accessor.practitioner(licence, facility);
                    }
                    break;
                case "emr-system":
                    if (facility != null) {
                        return Accessor.emrSystem(facility);
                    }
                    break;
                case "facility-staff":
                    if (facility != null) {
                        return Accessor.facility(facility);
                    }
                    break;
                case "citizen":
                    if (cccd != null) {
                        return Accessor.citizen(cccd);
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    private static String text(Jwt jwt, String claim) {
        String value = jwt.getClaimAsString(claim);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
