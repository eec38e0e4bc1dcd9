package vn.ehealth.nhr.loaders;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renewal timing against a token endpoint served in the test (the real Keycloak is exercised by
 * {@code ResourcesLoaderIT} in fhir-server; its tokens live 5 minutes, too long to wait for here).
 */
class ClientCredentialsTokensTest {

    private HttpServer endpoint;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = status == 200
                    ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/token");
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenRenewed() {
        MovableClock clock = new MovableClock();
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(url(), "emr-bach-mai", "s3cret&=", clock);

        assertThat(tokens.current()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(269));
        assertThat(tokens.current()).as("still 31 s to live").isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current()).as("30 s before expiry: renewed").isEqualTo("token-2");
        assertThat(forms.get(0)).isEqualTo("grant_type=client_credentials&client_id=emr-bach-mai&client_secret=s3cret%26%3D");
    }

    @Test
    void aRefusedClientIsReportedWithTheEndpointsReason() {
        status = 401;
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(url(), "emr-bach-mai", "wrong", new MovableClock());

        assertThatThrownBy(tokens::current).isInstanceOf(ClientCredentialsTokens.TokenUnavailableException.class)
                .hasMessageContaining("emr-bach-mai").hasMessageContaining("HTTP 401")
                .hasMessageContaining("Invalid client or Invalid client credentials");
    }

    @Test
    void anEndpointThatCannotBeReachedIsNamed() {
        endpoint.stop(0);
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(url(), "emr-bach-mai", "s", new MovableClock());

        assertThatThrownBy(tokens::current).isInstanceOf(ClientCredentialsTokens.TokenUnavailableException.class)
                .hasMessageContaining(url().toString()).hasMessageContaining("cannot be reached");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T02:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
