package vn.ehealth.nhr.server;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.loaders.NhrLoadCommand;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * SNOMED CT and LOINC releases loaded with {@code nhr-load snomed|loinc} through HAPI's own loader,
 * using the synthetic fixtures in the official layouts, then queried with terminology operations.
 */
class ExternalTerminologyUploadIT extends RunningServerTestBase {

    private static final String SCT = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    /** HAPI stores uploaded concepts in the background; a fixture is done in seconds. */
    private static final Duration STORED_WITHIN = Duration.ofSeconds(60);

    @Test
    void snomedReleaseAnswersLookupWithThePreferredTermAndSubsumesFollowsIsA() {
        int code = NhrLoadCommand.run("snomed", "--server", baseUrl(), "--token", TestTokens.administrator(), fixture("snomed-rf2"));
        assertThat(code).isZero();

        awaitDisplay(SCT, "9990000104", "Synthetic left-sided test disorder");
        lookup(SCT, "9990000103").then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString", equalTo("Synthetic test disorder"));

        subsumes("9990000103", "9990000104").then().statusCode(200)
                .body("parameter.find { it.name == 'outcome' }.valueCode", equalTo("subsumes"));
        subsumes("9990000104", "9990000101").then().statusCode(200)
                .body("parameter.find { it.name == 'outcome' }.valueCode", equalTo("subsumed-by"));
        subsumes("9990000104", "9990000102").then().statusCode(200)
                .body("parameter.find { it.name == 'outcome' }.valueCode", equalTo("not-subsumed"));
    }

    @Test
    void snomedConceptRetiredInTheFullHistoryIsNotLoaded() {
        assertThat(NhrLoadCommand.run("snomed", "--server", baseUrl(), "--token", TestTokens.administrator(), fixture("snomed-rf2"))).isZero();
        awaitDisplay(SCT, "9990000101", "Synthetic root concept");

        assertThat(lookup(SCT, "9990000105").statusCode()).isNotEqualTo(200);
    }

    @Test
    void loincReleaseAnswersLookupWithTheLongCommonName() {
        int code = NhrLoadCommand.run("loinc", "--server", baseUrl(), "--token", TestTokens.administrator(), fixture("loinc"));
        assertThat(code).isZero();

        awaitDisplay(LOINC, "99991-1", "Synthetic analyte [Mass/volume] in Serum or Plasma (synthetic test data)");
        lookup(LOINC, "99992-9").then().statusCode(200)
                .body("parameter.find { it.name == 'display' }.valueString",
                        equalTo("Synthetic marker [Presence] in Urine (synthetic test data)"));
    }

    @Test
    void uploadOfAnIncompleteReleaseIsRefusedByTheServerWithItsReason() {
        // Sent straight to the operation (the loader would stop before sending): HAPI names the missing files.
        fhirJson().body("""
                        {"resourceType":"Parameters","parameter":[
                          {"name":"system","valueUri":"http://snomed.info/sct"},
                          {"name":"file","valueAttachment":{"url":"Full/Terminology/sct2_Concept_Full_INT_20240101.txt",
                            "data":"aWQJZWZmZWN0aXZlVGltZQlhY3RpdmUJbW9kdWxlSWQJZGVmaW5pdGlvblN0YXR1c0lkCg=="}}]}
                        """)
                .post("/CodeSystem/$upload-external-code-system")
                .then().statusCode(422)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("sct2_Description_Full"));
    }

    private static String fixture(String name) {
        try {
            return Path.of(ExternalTerminologyUploadIT.class.getResource("/fixtures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response lookup(String system, String code) {
        return fhirJson().queryParam("system", system).queryParam("code", code).get("/CodeSystem/$lookup");
    }

    private static Response subsumes(String codeA, String codeB) {
        return fhirJson().queryParam("system", SCT).queryParam("codeA", codeA).queryParam("codeB", codeB)
                .get("/CodeSystem/$subsumes");
    }

    /** Polls $lookup until the concept is stored with the expected display, or fails after the bound. */
    private static void awaitDisplay(String system, String code, String display) {
        Instant deadline = Instant.now().plus(STORED_WITHIN);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            Response r = lookup(system, code);
            last = r.statusCode() + " " + r.asString();
            if (r.statusCode() == 200 && display.equals(r.path("parameter.find { it.name == 'display' }.valueString"))) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(system + "|" + code + " not looked up as '" + display + "' within " + STORED_WITHIN
                + "; last answer: " + last);
    }
}
