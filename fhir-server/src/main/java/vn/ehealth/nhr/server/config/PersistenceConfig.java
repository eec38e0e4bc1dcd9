package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Hibernate for HAPI's entities, with Hibernate Search on the configured index backend. */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfig {

    @Primary
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            DatabaseConfig.ResolvedDatabase database,
            MigrationResult schemaMigration, // the schema must exist before Hibernate looks at it
            NhrDataProperties data,
            NhrSearchIndexProperties searchIndex) {
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setDataSource(dataSource);
        emf.setJpaPropertyMap(hibernateProperties(database, data, searchIndex));
        return emf;
    }

    static Map<String, Object> hibernateProperties(DatabaseConfig.ResolvedDatabase database, NhrDataProperties data,
            NhrSearchIndexProperties searchIndex) {
        Map<String, Object> p = new HashMap<>();
        p.put("hibernate.dialect", database.kind().hibernateDialect());
        p.put("hibernate.hbm2ddl.auto", "none"); // HAPI's migrator owns the schema
        p.put("hibernate.jdbc.batch_size", "20");
        p.put("hibernate.order_inserts", "true");
        p.put("hibernate.order_updates", "true");
        p.put("hibernate.cache.use_query_cache", "false");
        p.put("hibernate.cache.use_second_level_cache", "false");
        p.put("hibernate.cache.use_structured_entries", "false");
        p.put("hibernate.cache.use_minimal_puts", "false");
        p.put("hibernate.format_sql", "false");
        p.put("hibernate.show_sql", "false");
        p.put("hibernate.search.enabled", "true");
        switch (searchIndex.getBackend()) {
            case LUCENE -> {
                Path dir = searchIndex.getLuceneDir() != null
                        ? searchIndex.getLuceneDir()
                        : data.getDataDir().resolve("lucene");
                p.put("hibernate.search.backend.type", "lucene");
                p.put("hibernate.search.backend.analysis.configurer",
                        HapiHSearchAnalysisConfigurers.HapiLuceneAnalysisConfigurer.class.getName());
                p.put("hibernate.search.backend.directory.type", "local-filesystem");
                p.put("hibernate.search.backend.directory.root", dir.toAbsolutePath().toString());
                p.put("hibernate.search.backend.lucene_version", "LUCENE_CURRENT");
            }
            case ELASTICSEARCH -> {
                NhrSearchIndexProperties.Elasticsearch es = searchIndex.getElasticsearch();
                p.put("hibernate.search.backend.type", "elasticsearch");
                p.put("hibernate.search.backend.analysis.configurer",
                        HapiHSearchAnalysisConfigurers.HapiElasticsearchAnalysisConfigurer.class.getName());
                p.put("hibernate.search.backend.hosts", String.join(",", es.getHosts()));
                p.put("hibernate.search.backend.protocol", es.getProtocol());
                if (es.getUsername() != null) {
                    p.put("hibernate.search.backend.username", es.getUsername());
                    p.put("hibernate.search.backend.password", es.getPassword());
                }
                p.put("hibernate.search.backend.schema_management.minimal_required_status", "yellow");
            }
            default -> throw new IllegalStateException("Unknown search index backend " + searchIndex.getBackend());
        }
        return p;
    }

    @Primary
    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
