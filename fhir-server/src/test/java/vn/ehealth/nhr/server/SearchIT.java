package vn.ehealth.nhr.server;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

class SearchIT extends RunningServerTestBase {

    @Test
    void findsAPatientByCitizenIdentifier() {
        Patient binh = TestCitizens.man("Võ", "Thanh Bình", 1969);
        String cccd = TestCitizens.cccdOf(binh);
        String id = client().create().resource(binh).execute().getId().getIdPart();
        client().create().resource(TestCitizens.man("Võ", "Thanh Bình", 1969)).execute(); // a namesake

        fhirJson().queryParam("identifier", NhrIdentifierSystems.CITIZEN_ID + "|" + cccd)
                .get("/Patient")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry.resource.id", contains(id));
    }

    @Test
    void fullTextFindsVietnameseWordsWrittenWithOrWithoutDiacritics() {
        // a made-up given name so that only this test's patient matches
        String token = "Khuê" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[^a-z]", "x");
        Patient patient = TestCitizens.woman("Nguyễn", token, 1988);
        String id = client().create().resource(patient).execute().getId().getIdPart();

        for (String query : new String[] {"Nguyễn " + token, "Nguyen " + token, "nguyen " + token.replace("ê", "e")}) {
            fhirJson().queryParam("_text", query).get("/Patient")
                    .then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("entry.resource.id", hasItem(id));
        }
        // _content searches every text element, not only the narrative
        fhirJson().queryParam("_content", token.replace("ê", "e")).get("/Patient")
                .then().statusCode(200)
                .body("entry.resource.id", hasItem(id));
    }

    @Test
    void searchResultsArePagedWithNextLinks() {
        String family = "Đỗ" + UUID.randomUUID().toString().substring(0, 5).replaceAll("[^a-z]", "y");
        for (int i = 0; i < 3; i++) {
            client().create().resource(TestCitizens.man(family, "Minh", 1970 + i)).execute();
        }
        Bundle page1 = client().search().forResource(Patient.class).where(Patient.FAMILY.matchesExactly().value(family))
                .count(2).returnBundle(Bundle.class).execute();
        Bundle page2 = client().loadPage().next(page1).execute();

        org.assertj.core.api.Assertions.assertThat(page1.getEntry()).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(page2.getEntry()).hasSize(1);
    }
}
