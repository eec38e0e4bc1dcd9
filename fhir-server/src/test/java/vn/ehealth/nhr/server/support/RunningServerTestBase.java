package vn.ehealth.nhr.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.restassured.RestAssured;
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
                "nhr.fhir.max-request-size=1MB"
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
        registry.add("nhr.validation.signature-trust-anchors",
                () -> java.nio.file.Path.of("src/test/resources/signature/trusted-ca.pem").toAbsolutePath().toString());
    }

    @BeforeEach
    void pointRestAssuredAtTheServer() {
        RestAssured.port = port;
        RestAssured.basePath = "/fhir";
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    protected IGenericClient client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return FHIR.newRestfulGenericClient(baseUrl());
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
