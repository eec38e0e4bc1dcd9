package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * The server a loader sends to: the {@code --server} and {@code --token} options every loading
 * subcommand shares (a picocli mixin: {@code @Mixin ServerConnection remote}), the FHIR client for
 * them, and a readable account of a refusal.
 */
public class ServerConnection {

    @Option(names = "--server", defaultValue = "${env:NHR_SERVER_URL:-http://localhost:8080/fhir}",
            description = "FHIR base URL of the server (env NHR_SERVER_URL; default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", defaultValue = "${env:NHR_TOKEN}",
            description = "Bearer token sent to the server (env NHR_TOKEN), when it is secured.")
    String token;

    @Option(names = "--token-url", defaultValue = "${env:NHR_TOKEN_URL}", paramLabel = "URL",
            description = "OAuth2 token endpoint (env NHR_TOKEN_URL), e.g. http://localhost:8180/realms/nhr/protocol/openid-connect/token. "
                    + "With --client-id the loader gets its own tokens by client credentials and renews them before they expire, "
                    + "for loads that outlast one token; it then ignores --token.")
    String tokenUrl;

    @Option(names = "--client-id", defaultValue = "${env:NHR_CLIENT_ID}",
            description = "OAuth2 client of the facility system (env NHR_CLIENT_ID), used with --token-url.")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:NHR_CLIENT_SECRET}", arity = "0..1", interactive = true,
            description = "Its secret (env NHR_CLIENT_SECRET; without a value, asked for on the terminal).")
    String clientSecret;

    @Option(names = "--timeout", defaultValue = "${env:NHR_LOADER_TIMEOUT:-300}", paramLabel = "SECONDS",
            description = "How long to wait for the server's answer to one request, in seconds (env NHR_LOADER_TIMEOUT; "
                    + "default: ${DEFAULT-VALUE}). A large transaction validated entry by entry can take minutes on a busy server.")
    int timeoutSeconds = 300;

    /** The server's FHIR base URL. */
    public String url() {
        return server;
    }

    /**
     * A client for the server: tokens by client credentials when {@code --token-url} and
     * {@code --client-id} are given, else the bearer token when one was given.
     */
    public IGenericClient client() {
        FhirContext fhir = FhirContext.forR4Cached();
        // loaders talk to NHR servers only: no /metadata round trip before every request
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // HAPI's client gives up after 10 s by default: far too short for a catalogue or a whole record in one transaction
        fhir.getRestfulClientFactory().setSocketTimeout(Math.max(1, timeoutSeconds) * 1000);
        IGenericClient client = fhir.newRestfulGenericClient(server);
        if (hasText(tokenUrl) || hasText(clientId)) {
            if (!hasText(tokenUrl) || !hasText(clientId)) {
                throw new ClientCredentialsTokens.TokenUnavailableException(
                        "--token-url and --client-id go together (client credentials): give both, or --token alone");
            }
            client.registerInterceptor(new ClientCredentialsTokens(URI.create(tokenUrl), clientId, clientSecret));
        } else if (hasText(token)) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** "HTTP 422: diagnostics; diagnostics" from the server's OperationOutcome, else its message. */
    public static String describe(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome oo && oo.hasIssue()) {
            return "HTTP " + e.getStatusCode() + ": " + oo.getIssue().stream()
                    .map(i -> i.getDiagnostics() != null ? i.getDiagnostics() : i.getDetails().getText())
                    .collect(Collectors.joining("; "));
        }
        return "HTTP " + e.getStatusCode() + ": " + e.getMessage();
    }
}
