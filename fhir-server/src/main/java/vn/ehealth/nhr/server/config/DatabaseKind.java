package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/** The databases the server supports, with the HAPI dialect and migrator driver each needs. */
public enum DatabaseKind {

    POSTGRESQL("jdbc:postgresql:", HapiFhirPostgresDialect.class.getName(), DriverTypeEnum.POSTGRES_9_4),
    H2("jdbc:h2:", HapiFhirH2Dialect.class.getName(), DriverTypeEnum.H2_EMBEDDED);

    private final String urlPrefix;
    private final String hibernateDialect;
    private final DriverTypeEnum migratorDriver;

    DatabaseKind(String urlPrefix, String hibernateDialect, DriverTypeEnum migratorDriver) {
        this.urlPrefix = urlPrefix;
        this.hibernateDialect = hibernateDialect;
        this.migratorDriver = migratorDriver;
    }

    /** The kind of database a JDBC URL names; refuses anything the server was not built and tested for. */
    public static DatabaseKind fromJdbcUrl(String url) {
        for (DatabaseKind kind : values()) {
            if (url != null && url.startsWith(kind.urlPrefix)) {
                return kind;
            }
        }
        throw new IllegalStateException("NHR_DB_URL (nhr.db.url) must be a PostgreSQL URL such as "
                + "jdbc:postgresql://host:5432/nhr, or be left empty for the embedded database; got: " + url);
    }

    public String hibernateDialect() {
        return hibernateDialect;
    }

    public DriverTypeEnum migratorDriver() {
        return migratorDriver;
    }
}
