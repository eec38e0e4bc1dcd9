package vn.ehealth.nhr.server.validation;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;

/**
 * {@link RecordWriteLocks} as PostgreSQL transaction-level advisory locks, taken on the write's own
 * connection (beside Hibernate, as the consent-cache broadcast does, so nothing is flushed early) and
 * released by PostgreSQL when the transaction commits or rolls back, on every replica of the store.
 * The lock is named by two integers: this kind of lock, and a hash of the Patient id (two records
 * sharing a hash only wait for each other, they are never confused).
 */
public final class PostgresRecordWriteLocks implements RecordWriteLocks {

    /** "NHR1": the kind of lock (a citizen's record), apart from any other advisory lock on the database. */
    static final int RECORD_OF_PATIENT = 0x4E485231;

    private final EntityManager transactional;

    public PostgresRecordWriteLocks(EntityManager transactional) {
        this.transactional = transactional;
    }

    @Override
    public void lockRecordOf(String patientId) {
        transactional.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, RECORD_OF_PATIENT);
                lock.setInt(2, patientId.hashCode());
                lock.execute();
            }
        });
    }
}
