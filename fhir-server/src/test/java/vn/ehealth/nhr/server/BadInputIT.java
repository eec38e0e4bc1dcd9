package vn.ehealth.nhr.server;

import io.restassured.response.ValidatableResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Every malformed request answers 4xx with a FHIR OperationOutcome that says what was wrong,
 * never a stack trace, and leaves nothing stored.
 */
class BadInputIT extends RunningServerTestBase {

    private static final String MARKER_CCCD = "001099000314"; // used only by the refused bodies below

    @Test
    void malformedJsonIsRefusedWithTheParseError() {
        expectOperationOutcome(fhirJson().body("{\"resourceType\":\"Patient\", \"identifier\": [{\"value\": \"" + MARKER_CCCD + "\"}")
                .post("/Patient").then(), 400)
                .body("issue[0].diagnostics", containsString("Failed to parse"));
        assertNothingStored();
    }

    @Test
    void malformedXmlIsRefusedWithTheParseError() {
        expectOperationOutcome(given().contentType("application/fhir+xml").accept("application/fhir+json")
                .body("<Patient xmlns=\"http://hl7.org/fhir\"><identifier><value value=\"" + MARKER_CCCD + "\"/></identifier>")
                .post("/Patient").then(), 400)
                .body("issue[0].diagnostics", containsString("XML"));
        assertNothingStored();
    }

    @Test
    void aBodyOfAnotherResourceTypeThanTheUrlIsRefused() {
        expectOperationOutcome(fhirJson().body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}")
                .post("/Patient").then(), 400)
                .body("issue[0].diagnostics", containsString("expected \"Patient\" but found \"Observation\""));
    }

    @Test
    void anUnknownResourceTypeInTheUrlIsRefused() {
        expectOperationOutcome(fhirJson().get("/Patientt").then(), 404)
                .body("issue[0].diagnostics", containsString("Unknown resource type 'Patientt'"));
        expectOperationOutcome(fhirJson().body("{\"resourceType\":\"Patient\"}").post("/Benhnhan").then(), 404);
    }

    @Test
    void anUnknownSearchParameterIsRefusedAndNamed() {
        expectOperationOutcome(fhirJson().queryParam("so_cccd", "001085012345").get("/Patient").then(), 400)
                .body("issue[0].diagnostics", containsString("Unknown search parameter \"so_cccd\""));
    }

    @Test
    void anInvalidSearchValueIsRefused() {
        expectOperationOutcome(fhirJson().queryParam("birthdate", "17/05/1990").get("/Patient").then(), 400)
                .body("issue[0].diagnostics", containsString("17/05/1990"));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413BeforeParsing() {
        // the test server's limit is 1 MB (see RunningServerTestBase)
        String padding = "x".repeat(1_100_000);
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + NhrIdentifierSystems.CITIZEN_ID
                + "\",\"value\":\"" + MARKER_CCCD + "\"}],\"name\":[{\"text\":\"" + padding + "\"}]}";
        expectOperationOutcome(fhirJson().body(body).post("/Patient").then(), 413)
                .body("issue[0].code", equalTo("too-costly"))
                .body("issue[0].diagnostics", containsString("vượt quá giới hạn"))
                .body("issue[0].diagnostics", containsString("exceeds the limit of 1.0 MB"));
        assertNothingStored();
    }

    @Test
    void aChunkedBodyOverTheSizeLimitIsAlsoRefused() {
        String padding = "x".repeat(1_100_000);
        byte[] body = ("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + NhrIdentifierSystems.CITIZEN_ID
                + "\",\"value\":\"" + MARKER_CCCD + "\"}],\"name\":[{\"text\":\"" + padding + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        // an InputStream body has no known length, so it is sent chunked
        expectOperationOutcome(fhirJson().body(new ByteArrayInputStream(body)).post("/Patient").then(), 413);
        assertNothingStored();
    }

    @Test
    void anUnencodedCharacterInTheUrlGetsAnOperationOutcomeNotTomcatsHtmlPage() throws Exception {
        // HTTP clients refuse to send this, so speak HTTP over a socket as a careless script would
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /fhir/Patient?_content=nguyễn HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400")
                    .contains("application/fhir+json")
                    .contains("\"resourceType\":\"OperationOutcome\"")
                    .contains("percent-encode")
                    .doesNotContain("<html")
                    .doesNotContain("Tomcat");
        }
    }

    @Test
    void anUnencodedPipeInAnIdentifierSearchIsAccepted() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /fhir/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + MARKER_CCCD
                    + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/fhir+json\r\nAuthorization: Bearer " + vn.ehealth.nhr.server.support.TestTokens.administrator()
                    + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 200").contains("\"resourceType\":\"Bundle\"");
        }
    }

    private static ValidatableResponse expectOperationOutcome(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(containsString("json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body(not(containsString("\tat ")))          // no Java stack frames
                .body(not(containsString("Exception:")));
    }

    private void assertNothingStored() {
        Bundle found = client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().code(MARKER_CCCD)).returnBundle(Bundle.class).execute();
        assertThat(found.getTotal()).isZero();
    }
}
