package vn.ehealth.nhr.server.consent;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Keeps the consent lookups of several server replicas on one PostgreSQL true to each other: a
 * write of a Consent or a Patient announces what it made stale with {@code NOTIFY} in its own
 * transaction (PostgreSQL delivers it only if that transaction commits, exactly when the other
 * replicas must forget), and every replica {@code LISTEN}s on one connection of its own, outside the
 * pool, and evicts what it hears. Without it a consent withdrawn through one replica could still
 * let a read through another for up to 30 s (docs/SCALE.md 3.6).
 *
 * <p>When the listening connection is lost, announcements may be missed: the replica forgets its
 * whole cache, reconnects (with back-off), and forgets again once it listens, so that nothing read
 * in the gap outlives it.
 */
public class PostgresEvictionBroadcast implements CachingCitizenRecordLookup.EvictionBroadcast, SmartLifecycle {

    /** The PostgreSQL channel; every replica of one national store listens on it. */
    public static final String CHANNEL = "nhr_record_lookup";

    private static final Logger log = LoggerFactory.getLogger(PostgresEvictionBroadcast.class);
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    private final CachingCitizenRecordLookup lookup;
    private final EntityManager transactional;
    private final String url;
    private final String username;
    private final String password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    /**
     * @param transactional the shared entity manager: the NOTIFY joins the write's transaction
     * @param url           the JDBC URL of the store's PostgreSQL, with its credentials, for the listening connection
     */
    public PostgresEvictionBroadcast(CachingCitizenRecordLookup lookup, EntityManager transactional,
            String url, String username, String password) {
        this.lookup = lookup;
        this.transactional = transactional;
        this.url = url;
        this.username = username;
        this.password = password;
        lookup.broadcastEvictionsWith(this);
    }

    /**
     * On the write's own JDBC connection, beside Hibernate rather than through a query of its: a
     * native query would flush the persistence context in the middle of HAPI's pre-commit hooks,
     * and the consent check that follows a create in the same transaction then tripped over
     * Hibernate's entity holders (an AssertionError under {@code -ea}).
     */
    @Override
    public void publish(LookupEviction eviction) {
        transactional.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, eviction.encode());
                notify.execute();
            }
        });
    }

    /** Whether this replica hears the others now (for tests and the log). */
    public boolean isListening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "nhr-consent-cache-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(WAIT.toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backOff = Duration.ofSeconds(1);
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, username, password)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                lookup.evictAll(); // what was cached before we listened may have missed an announcement
                listening = true;
                backOff = Duration.ofSeconds(1);
                log.info("Consent cache: listening for other replicas' evictions on PostgreSQL channel {}", CHANNEL);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = pg.getNotifications((int) WAIT.toMillis());
                    if (heard != null) {
                        for (PGNotification n : heard) {
                            LookupEviction.decode(n.getParameter()).ifPresent(lookup::evict);
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                log.warn("Consent cache: lost the PostgreSQL channel {} ({}); cache cleared, retrying in {} s",
                        CHANNEL, e.getMessage(), backOff.toSeconds());
            } finally {
                listening = false;
            }
            lookup.evictAll();
            try {
                Thread.sleep(backOff.toMillis());
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
            backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
        }
    }
}
