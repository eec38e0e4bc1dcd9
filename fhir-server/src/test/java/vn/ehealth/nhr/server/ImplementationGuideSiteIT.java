package vn.ehealth.nhr.server;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.NhrImplementationGuide;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.not;

/** The implementation guide in a browser: the site rendered at build time, served at /ig/. */
class ImplementationGuideSiteIT extends RunningServerTestBase {

    @Test
    void theGuidesHomePageListsTheProfiles() {
        RestAssured.given().basePath("").accept("text/html").get("/ig/")
                .then().statusCode(200)
                .contentType(equalToIgnoringCase("text/html;charset=UTF-8"))
                .body(containsString("<a href=\"StructureDefinition-vn-nhr-patient.html\">vn-nhr-patient</a>"))
                .body(containsString("Hướng dẫn triển khai"))
                .body(containsString("href=\"vn.ehealth.nhr.tgz\""));
    }

    @Test
    void withoutTheSlashTheBrowserIsSentToTheGuidesHomePage() {
        RestAssured.given().basePath("").redirects().follow(false).get("/ig")
                .then().statusCode(302)
                .header("Location", endsWith("/ig/"));
    }

    @Test
    void aProfilePageAndTheStylesheetAreServed() {
        RestAssured.given().basePath("").get("/ig/StructureDefinition-vn-nhr-patient.html")
                .then().statusCode(200)
                .contentType(equalToIgnoringCase("text/html;charset=UTF-8"))
                .body(containsString("nhr-pat-cccd-sex"))
                .body(containsString("SO_CCCD"));
        RestAssured.given().basePath("").get("/ig/style.css")
                .then().statusCode(200)
                .contentType(containsString("text/css"));
    }

    @Test
    void thePackageCanBeDownloaded() {
        byte[] body = RestAssured.given().basePath("").get("/ig/vn.ehealth.nhr.tgz")
                .then().statusCode(200)
                .contentType("application/gzip")
                .extract().asByteArray();
        assertThat(body).isEqualTo(NhrImplementationGuide.packageBytes());
    }

    @Test
    void anUnknownPageIsNotFoundAndTheFhirApiIsUntouched() {
        RestAssured.given().basePath("").get("/ig/StructureDefinition-no-such-profile.html")
                .then().statusCode(404);
        RestAssured.given().basePath("").get("/ig/site/index.html")
                .then().statusCode(404);
        fhirJson().get("/metadata")
                .then().statusCode(200)
                .contentType(containsString("application/fhir+json"))
                .body(not(containsString("<html")));
    }
}
