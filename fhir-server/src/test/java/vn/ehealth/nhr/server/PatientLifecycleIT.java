package vn.ehealth.nhr.server;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

class PatientLifecycleIT extends RunningServerTestBase {

    @Test
    void createReadUpdateVersionedReadHistoryAndDeleteAPatient() {
        Patient lan = TestCitizens.woman("Trần", "Thị Lan", 1990);
        String cccd = TestCitizens.cccdOf(lan);

        // create: 201 with a Location naming version 1
        String location = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(lan))
                .post("/Patient")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/fhir/Patient/[^/]+/_history/1"))
                .extract().header("Location");
        IdType id = new IdType(location).toVersionless();

        // read: what was stored, with Vietnamese text intact
        fhirJson().get("/Patient/" + id.getIdPart())
                .then().statusCode(200)
                .body("name[0].family", equalTo("Trần"))
                .body("identifier[0].value", equalTo(cccd))
                .body("meta.versionId", equalTo("1"));

        // update: version 2
        Patient changed = client().read().resource(Patient.class).withId(id).execute();
        changed.getNameFirstRep().setText("Trần Thị Lan Anh");
        MethodOutcome updated = client().update().resource(changed).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        // versioned read still returns version 1 as it was
        Patient v1 = client().read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
        assertThat(v1.getNameFirstRep().getText()).isEqualTo("Trần Thị Lan");

        // history lists both versions, newest first
        Bundle history = client().history().onInstance(id).returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).hasSize(2);
        assertThat(((Patient) history.getEntry().get(0).getResource()).getNameFirstRep().getText())
                .isEqualTo("Trần Thị Lan Anh");

        // delete: reads then answer 410 Gone, history keeps the record of it
        given().delete("/Patient/" + id.getIdPart()).then().statusCode(200);
        assertThatThrownBy(() -> client().read().resource(Patient.class).withId(id).execute())
                .isInstanceOf(ResourceGoneException.class);
        fhirJson().get("/Patient/" + id.getIdPart()).then().statusCode(410)
                .body("resourceType", equalTo("OperationOutcome"));
        assertThat(client().history().onInstance(id).returnBundle(Bundle.class).execute().getEntry()).hasSize(3);
    }

    @Test
    void readingAnUnknownPatientAnswers404WithAnOperationOutcome() {
        fhirJson().get("/Patient/does-not-exist-42")
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("Patient/does-not-exist-42"));
    }
}
