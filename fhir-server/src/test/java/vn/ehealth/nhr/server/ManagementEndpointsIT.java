package vn.ehealth.nhr.server;

import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

class ManagementEndpointsIT extends RunningServerTestBase {

    @Test
    void healthLivenessAndReadinessAreUpOnTheManagementPort() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            given().port(managementPort).basePath("").get(path)
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void prometheusMetricsIncludeHttpAndDatabasePoolFigures() {
        fhirJson().get("/metadata").then().statusCode(200); // make sure at least one request was timed
        given().port(managementPort).basePath("").get("/actuator/prometheus")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("hikaricp_connections_max{pool=\"nhr-db\""));
    }

    @Test
    void managementEndpointsAreNotServedOnThePublicPort() {
        given().basePath("").get("/actuator/health").then().statusCode(404);
    }
}
