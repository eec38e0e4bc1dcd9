package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseKindTest {

    @Test
    void postgresqlUrlsGetHapisPostgresDialectAndMigrator() {
        DatabaseKind kind = DatabaseKind.fromJdbcUrl("jdbc:postgresql://db.nhr.local:5432/nhr");
        assertThat(kind).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(kind.hibernateDialect()).endsWith("HapiFhirPostgresDialect");
        assertThat(kind.migratorDriver()).isEqualTo(DriverTypeEnum.POSTGRES_9_4);
    }

    @Test
    void h2UrlsGetHapisH2Dialect() {
        assertThat(DatabaseKind.fromJdbcUrl("jdbc:h2:file:./data/h2/nhr").hibernateDialect()).endsWith("HapiFhirH2Dialect");
    }

    @Test
    void otherDatabasesAreRefusedNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> DatabaseKind.fromJdbcUrl("jdbc:oracle:thin:@x:1521/y"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NHR_DB_URL")
                .hasMessageContaining("jdbc:oracle:thin:@x:1521/y");
    }
}
