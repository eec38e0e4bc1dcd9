package vn.ehealth.nhr.server.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One access to a citizen's record: who, whose record (the Patient's id and CCCD), when, and
 * whether the accessor "breaks the glass" (emergency access without consent).
 *
 * @param emergencyJustification null for ordinary access; for break-the-glass the free-text
 *                               justification, which is mandatory (blank is refused)
 */
public record AccessRequest(Accessor accessor, RecordOwner owner, Instant at, String emergencyJustification) {

    public AccessRequest {
        Objects.requireNonNull(accessor, "accessor");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(at, "at");
        if (emergencyJustification != null && emergencyJustification.isBlank()) {
            throw new IllegalArgumentException("break-the-glass access needs a justification (audit reason)");
        }
        emergencyJustification = emergencyJustification == null ? null : emergencyJustification.strip();
    }

    public static AccessRequest of(Accessor accessor, RecordOwner owner, Instant at) {
        return new AccessRequest(accessor, owner, at, null);
    }

    /** The same access flagged as emergency (break the glass) with its justification. */
    public AccessRequest breakingTheGlass(String justification) {
        return new AccessRequest(accessor, owner, at, Objects.requireNonNull(justification, "justification"));
    }

    public Optional<String> emergency() {
        return Optional.ofNullable(emergencyJustification);
    }
}
