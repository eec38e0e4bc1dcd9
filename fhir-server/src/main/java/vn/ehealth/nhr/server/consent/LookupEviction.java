package vn.ehealth.nhr.server.consent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a write of a Consent or a Patient makes stale in {@link CachingCitizenRecordLookup}: the
 * Consents of a patient (by id, or of every Patient of a CCCD), or a Patient's CCCD and the Patients
 * of its CCCDs. Small and plain text, so that one replica can tell the others (PostgreSQL
 * {@code NOTIFY} payload, {@link PostgresEvictionBroadcast}).
 *
 * @param patientId the Patient's id, or null when the Consent names its patient by CCCD only
 * @param cccds     the CCCDs the written resource names
 */
public record LookupEviction(Kind kind, String patientId, List<String> cccds) {

    public enum Kind { CONSENTS, PATIENT }

    public LookupEviction {
        cccds = List.copyOf(cccds);
    }

    /** {@code C|<patient id>|<cccd>,<cccd>} or {@code P|…}; ids and CCCDs hold no '|' or ','. */
    public String encode() {
        return (kind == Kind.CONSENTS ? "C" : "P") + "|" + (patientId == null ? "" : patientId) + "|" + String.join(",", cccds);
    }

    /** The eviction a payload describes; empty when it is not one (another sender on the channel). */
    public static Optional<LookupEviction> decode(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3 || !(parts[0].equals("C") || parts[0].equals("P"))) {
            return Optional.empty();
        }
        List<String> cccds = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
        return Optional.of(new LookupEviction(parts[0].equals("C") ? Kind.CONSENTS : Kind.PATIENT,
                parts[1].isEmpty() ? null : parts[1], cccds));
    }
}
