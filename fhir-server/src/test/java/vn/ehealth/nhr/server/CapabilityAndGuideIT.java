package vn.ehealth.nhr.server;

import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.terminology.NhrTerminology;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

class CapabilityAndGuideIT extends RunningServerTestBase {

    @Test
    void metadataNamesTheSoftwareItsVersionAndTheInstalledGuide() {
        fhirJson().get("/metadata")
                .then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("software.name", containsString("national health record"))
                .body("software.version", equalTo(System.getProperty("nhr.expected.version", "development")))
                .body("implementationGuide", hasItem(startsWith("http://fhir.ehealth.gov.vn/nhr/ImplementationGuide/vn.ehealth.nhr|")))
                .body("rest[0].resource.type", hasItems("Patient", "Encounter", "Condition", "Immunization"));
    }

    @Test
    void theGuidesNamingSystemsAndCodeSystemsAreInstalledAsResources() {
        fhirJson().queryParam("value", NhrIdentifierSystems.CITIZEN_ID).get("/NamingSystem")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.name", equalTo("VNNhrCCCD"));

        fhirJson().queryParam("url", NhrTerminology.ENCOUNTER_TYPE_SYSTEM).get("/CodeSystem")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.concept.code", hasItems("01", "03", "09"))
                .body("entry[0].resource.concept.find { it.code == '03' }.display", equalTo("Điều trị nội trú"));
    }
}
