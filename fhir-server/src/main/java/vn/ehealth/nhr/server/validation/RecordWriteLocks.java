package vn.ehealth.nhr.server.validation;

/**
 * Serialises the record rules that read what is already stored before allowing a write (one dose is
 * recorded once; a prescription line is not dispensed past its quantity): without it, two facilities
 * sending the same dose at the same moment each find none on file and both are stored. A write takes
 * the lock of the citizen's record before its rule reads; the lock is held until the write's
 * database transaction ends, so the second writer reads after the first has committed (or rolled
 * back). One lock per citizen's record, whatever the rule, so two rules cannot take two locks in
 * opposite orders.
 */
public interface RecordWriteLocks {

    /** Waits for, then holds until the current transaction ends, the lock of the record of Patient {@code patientId}. */
    void lockRecordOf(String patientId);

    /** No locking: the embedded database, which serves one developer's server (README, "Settings"). */
    static RecordWriteLocks none() {
        return patientId -> {
        };
    }
}
