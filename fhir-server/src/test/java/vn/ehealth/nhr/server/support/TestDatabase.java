package vn.ehealth.nhr.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL database the integration tests run against: a fresh database created for this
 * test run on the server named by {@code NHR_TEST_DB_URL} (dropped when the JVM exits), or else an
 * embedded PostgreSQL started from the zonky binaries. Never H2: production runs on PostgreSQL,
 * so the suite does too.
 */
public final class TestDatabase {

    public record Database(String url, String username, String password) {
    }

    private static Database instance;

    private TestDatabase() {
    }

    public static synchronized Database get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static Database create() {
        String serverUrl = System.getenv("NHR_TEST_DB_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            String user = envOr("NHR_TEST_DB_USERNAME", "postgres");
            String password = envOr("NHR_TEST_DB_PASSWORD", "");
            return freshDatabaseOn(serverUrl, user, password);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is exiting; the temporary cluster folder is removed by zonky
                }
            }));
            return new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (Exception | Error e) {
            throw new IllegalStateException("""
                    The integration tests need PostgreSQL and could not start an embedded one (%s).
                    Either point them at a server:  export NHR_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test
                    (optionally NHR_TEST_DB_USERNAME, default postgres, and NHR_TEST_DB_PASSWORD; the user must be
                    allowed to CREATE DATABASE), or run the build as a non-root user: PostgreSQL refuses to run as root.
                    """.formatted(e), e);
        }
    }

    /**
     * A second, empty database on the same server as {@link #get()} (dropped when the JVM exits), for
     * a test that starts a server of its own with settings that change what is stored, so that the
     * shared database never sees those rows.
     */
    public static Database another() {
        Database shared = get();
        String serverUrl = System.getenv("NHR_TEST_DB_URL"); // the embedded server's URL names its "postgres" database
        return freshDatabaseOn(serverUrl == null || serverUrl.isBlank() ? shared.url() : serverUrl,
                shared.username(), shared.password());
    }

    /** A new, empty database on the given server, so test runs never see each other's data. */
    private static Database freshDatabaseOn(String serverUrl, String user, String password) {
        String name = "nhr_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (java.sql.Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + serverUrl + " as " + user
                    + " (NHR_TEST_DB_URL / NHR_TEST_DB_USERNAME): " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, user, password, name)));
        return new Database(replaceDatabase(serverUrl, name), user, password);
    }

    private static void drop(String serverUrl, String user, String password, String name) {
        try (java.sql.Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("[nhr-tests] could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** jdbc:postgresql://host:port/db?params → same URL naming another database. */
    static String replaceDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + params;
        }
        return base.substring(0, slash + 1) + database + params;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
