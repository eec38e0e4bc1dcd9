package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens for a long load, obtained by OAuth2 client credentials from the identity provider
 * (Keycloak's token endpoint) and renewed before they expire. An access token lives 5 minutes in
 * the national realm, while a hospital's XML file or a population can take hours to load: a single
 * {@code --token} ran out after 693 episodes of the first XML benchmark.
 */
public final class ClientCredentialsTokens implements IClientInterceptor {

    /** Renew this long before the expiry the endpoint announced, so no request leaves with a dying token. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private final ObjectMapper json = new ObjectMapper();

    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentialsTokens(URI endpoint, String clientId, String clientSecret) {
        this(endpoint, clientId, clientSecret, Clock.systemUTC());
    }

    ClientCredentialsTokens(URI endpoint, String clientId, String clientSecret, Clock clock) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret == null ? "" : clientSecret;
        this.clock = clock;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + current());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing: a 401 after renewal is the server's answer and is reported as such
    }

    /** A token valid for at least {@link #MARGIN} more (fetched if needed). */
    public synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("the token endpoint " + endpoint + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while asking " + endpoint + " for a token");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            String reason = body.hasNonNull("error_description") ? body.get("error_description").asText()
                    : body.hasNonNull("error") ? body.get("error").asText() : "no access_token in the answer";
            throw new TokenUnavailableException("the token endpoint " + endpoint + " refused client " + clientId
                    + " (HTTP " + response.statusCode() + "): " + reason);
        }
        Instant now = clock.instant();
        long lifetime = body.path("expires_in").asLong(60);
        // a very short-lived token is renewed halfway through its life instead
        Duration renewAfter = Duration.ofSeconds(lifetime).minus(MARGIN);
        if (renewAfter.compareTo(Duration.ofSeconds(lifetime).dividedBy(2)) < 0) {
            renewAfter = Duration.ofSeconds(lifetime).dividedBy(2);
        }
        token = body.get("access_token").asText();
        renewAt = now.plus(renewAfter);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** No token could be had: the load cannot start (or go on) as this client. */
    public static final class TokenUnavailableException extends RuntimeException {
        public TokenUnavailableException(String message) {
            super(message);
        }
    }
}
