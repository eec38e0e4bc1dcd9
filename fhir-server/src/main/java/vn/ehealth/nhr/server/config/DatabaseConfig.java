package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The connection pool and the schema. The schema is created and upgraded by HAPI's own migrator
 * (the same tasks as HAPI's {@code migrate-database} command) before Hibernate starts, so
 * production never relies on Hibernate's {@code hbm2ddl=update}.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfig.class);

    /** The database this server runs on, resolved once from the configuration. */
    public record ResolvedDatabase(DatabaseKind kind, String url, boolean embedded) {
    }

    @Bean
    ResolvedDatabase resolvedDatabase(NhrDatabaseProperties db, NhrDataProperties data) {
        if (db.isExternal()) {
            return new ResolvedDatabase(DatabaseKind.fromJdbcUrl(db.getUrl()), db.getUrl(), false);
        }
        Path folder = data.getDataDir().toAbsolutePath().resolve("h2");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + folder + " (set NHR_DATA_DIR)", e);
        }
        // DB_CLOSE_ON_EXIT=FALSE: Spring closes the pool on shutdown, so H2 must not race it in its own hook.
        String url = "jdbc:h2:file:" + folder.resolve("nhr") + ";DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY";
        return new ResolvedDatabase(DatabaseKind.H2, url, true);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ResolvedDatabase database, NhrDatabaseProperties db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("nhr-db");
        ds.setJdbcUrl(database.url());
        if (database.embedded()) {
            ds.setUsername("sa");
            ds.setPassword("");
        } else {
            ds.setUsername(db.getUsername());
            ds.setPassword(db.getPassword());
        }
        ds.setMaximumPoolSize(db.getPoolSize());
        LOG.info("Database: {} at {}", database.kind(), database.url());
        return ds;
    }

    /** Runs HAPI's schema migration; the entity manager factory depends on this bean. */
    @Bean
    MigrationResult schemaMigration(DataSource dataSource, ResolvedDatabase database) {
        HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource,
                database.kind().migratorDriver());
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        migrator.createMigrationTableIfRequired();
        MigrationResult result = migrator.migrate();
        LOG.info("Schema migration: {} task(s) run, {} change(s)", result.succeededTasks.size(), result.changes);
        return result;
    }
}
