package vn.ehealth.nhr.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/**
 * Full-text and terminology index (Hibernate Search). LUCENE keeps the index in a local folder
 * (one server); ELASTICSEARCH points every server replica at one Elasticsearch/OpenSearch cluster.
 * Env: {@code NHR_SEARCH_INDEX_BACKEND}, {@code NHR_SEARCH_INDEX_LUCENE_DIR},
 * {@code NHR_SEARCH_INDEX_ELASTICSEARCH_HOSTS}, {@code …_PROTOCOL}, {@code …_USERNAME}, {@code …_PASSWORD}.
 */
@Validated
@ConfigurationProperties("nhr.search-index")
public class NhrSearchIndexProperties {

    public enum Backend { LUCENE, ELASTICSEARCH }

    @NotNull
    private Backend backend = Backend.LUCENE;

    /** Lucene index folder; empty = {@code <data-dir>/lucene}. */
    private Path luceneDir;

    private final Elasticsearch elasticsearch = new Elasticsearch();

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public Path getLuceneDir() {
        return luceneDir;
    }

    public void setLuceneDir(Path luceneDir) {
        this.luceneDir = luceneDir;
    }

    public Elasticsearch getElasticsearch() {
        return elasticsearch;
    }

    public static class Elasticsearch {
        /** host:port entries of the cluster. */
        private List<String> hosts = List.of("localhost:9200");
        private String protocol = "http";
        private String username;
        private String password;

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }
}
