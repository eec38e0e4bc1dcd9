package vn.ehealth.nhr.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.ehealth.nhr.server.NhrServerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the HTTP integration tests: the real server on a random port, on a fresh PostgreSQL
 * database (see {@link TestDatabase}) with its Lucene index in a temporary folder. All subclasses
 * share one running server (Spring caches the context), so each test must create its own data
 * and never assume an empty database.
 */
@AutoConfigureObservability // tests switch metric export off by default; the Prometheus endpoint is under test
@SpringBootTest(classes = NhrServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.server.port=0",
                "nhr.fhir.max-request-size=1MB",
                // the notification tests' receivers listen on plain http on this machine
                "nhr.subscriptions.insecure-http-hosts=127.0.0.1"
        })
public abstract class RunningServerTestBase {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Database db = TestDatabase.get();
        registry.add("nhr.db.url", db::url);
        registry.add("nhr.db.username", db::username);
        registry.add("nhr.db.password", db::password);
        registry.add("nhr.data-dir", () -> SharedDataDir.PATH.toString());
        // discharge documents signed by the test CA's hospital are trusted; others are not
        // sign-in by the suite's real Keycloak (one for the whole test JVM)
        registry.add("nhr.security.issuer-uri", () -> KeycloakTestServer.get().issuer());
        registry.add("nhr.security.pseudonym-key", () -> "integration-test-pseudonym-key");
        registry.add("nhr.validation.signature-trust-anchors",
                () -> java.nio.file.Path.of("src/test/resources/signature/trusted-ca.pem").toAbsolutePath().toString());
    }

    /** Header a test sets to send its request with no token at all (the default token is not added). */
    public static final String NO_TOKEN = "X-Test-No-Token";

    @BeforeEach
    void pointRestAssuredAtTheServer() {
        RestAssured.port = port;
        RestAssured.basePath = "/fhir";
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.replaceFiltersWith(DEFAULT_TOKEN);
    }

    /**
     * Requests that carry no {@code Authorization} header are sent as the administrator, so tests of
     * other concerns need not care about sign-in; access-control tests set their own token
     * ({@code .auth().oauth2(TestTokens.citizenAn())}) or {@link #NO_TOKEN}.
     */
    private static final Filter DEFAULT_TOKEN = (request, response, ctx) -> {
        if (request.getHeaders().hasHeaderWithName(NO_TOKEN)) {
            request.removeHeader(NO_TOKEN);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + TestTokens.administrator());
        }
        return ctx.next(request, response);
    };

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** A HAPI client signed in as the administrator. */
    protected IGenericClient client() {
        return client(TestTokens.administrator());
    }

    /** A HAPI client sending this bearer token. */
    protected IGenericClient client(String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    /** A request that sends and accepts FHIR JSON. */
    protected static RequestSpecification fhirJson() {
        return RestAssured.given().contentType("application/fhir+json; charset=UTF-8").accept("application/fhir+json");
    }

    private static final class SharedDataDir {
        static final Path PATH;

        static {
            try {
                PATH = Files.createTempDirectory("nhr-it-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
