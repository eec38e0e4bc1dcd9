package vn.ehealth.nhr.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceConfigTest {

    private final DatabaseConfig.ResolvedDatabase postgres =
            new DatabaseConfig.ResolvedDatabase(DatabaseKind.POSTGRESQL, "jdbc:postgresql://x/nhr", false);

    @Test
    void theDefaultIndexIsALocalLuceneFolderInsideTheDataFolder() {
        NhrDataProperties data = new NhrDataProperties();
        data.setDataDir(Path.of("/srv/nhr"));

        Map<String, Object> p = PersistenceConfig.hibernateProperties(postgres, data, new NhrSearchIndexProperties());

        assertThat(p).containsEntry("hibernate.search.backend.type", "lucene")
                .containsEntry("hibernate.search.backend.directory.type", "local-filesystem")
                .containsEntry("hibernate.search.backend.directory.root", "/srv/nhr/lucene")
                .containsEntry("hibernate.hbm2ddl.auto", "none");
        assertThat((String) p.get("hibernate.search.backend.analysis.configurer")).contains("HapiLuceneAnalysisConfigurer");
    }

    @Test
    void elasticsearchIsSelectedByConfigurationAlone() {
        NhrSearchIndexProperties index = new NhrSearchIndexProperties();
        index.setBackend(NhrSearchIndexProperties.Backend.ELASTICSEARCH);
        index.getElasticsearch().setHosts(List.of("es1:9200", "es2:9200"));
        index.getElasticsearch().setProtocol("https");
        index.getElasticsearch().setUsername("nhr");
        index.getElasticsearch().setPassword("secret");

        Map<String, Object> p = PersistenceConfig.hibernateProperties(postgres, new NhrDataProperties(), index);

        assertThat(p).containsEntry("hibernate.search.backend.type", "elasticsearch")
                .containsEntry("hibernate.search.backend.hosts", "es1:9200,es2:9200")
                .containsEntry("hibernate.search.backend.protocol", "https")
                .containsEntry("hibernate.search.backend.username", "nhr")
                .doesNotContainKey("hibernate.search.backend.directory.root");
        assertThat((String) p.get("hibernate.search.backend.analysis.configurer")).contains("HapiElasticsearchAnalysisConfigurer");
    }

    @Test
    void theDialectFollowsTheDatabase() {
        assertThat(PersistenceConfig.hibernateProperties(postgres, new NhrDataProperties(), new NhrSearchIndexProperties()))
                .containsEntry("hibernate.dialect", DatabaseKind.POSTGRESQL.hibernateDialect());
    }
}
