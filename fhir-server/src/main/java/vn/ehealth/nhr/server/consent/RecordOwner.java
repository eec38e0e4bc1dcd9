package vn.ehealth.nhr.server.consent;

/**
 * The citizen whose record is read: the Patient's logical id on this server and their CCCD
 * (either may be null when unknown, not both). Consents are matched by either: a Consent names the
 * citizen by {@code patient.reference} and/or by the CCCD in {@code patient.identifier}.
 */
public record RecordOwner(String patientId, String citizenId) {

    public RecordOwner {
        patientId = patientId == null || patientId.isBlank() ? null : patientId.strip();
        citizenId = citizenId == null || citizenId.isBlank() ? null : citizenId.strip();
        if (patientId == null && citizenId == null) {
            throw new IllegalArgumentException("a record owner needs a Patient id or a CCCD");
        }
    }

    /** "Patient/<id>" or null. */
    public String patientReference() {
        return patientId == null ? null : "Patient/" + patientId;
    }
}
