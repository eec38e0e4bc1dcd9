package vn.ehealth.nhr.server.patient;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.anPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 6, item 2: {@code Patient/$everything} with {@code _count}
 * paging returns the whole record, filtered by the consent rules: two facilities write about the
 * same citizen, each sees its own part, the citizen sees all of it.
 */
class PatientEverythingIT extends RunningServerTestBase {

    private static List<String> everything(String token, String url) {
        List<String> ids = new ArrayList<>();
        Bundle page = parse(Bundle.class, given(token).get(url).then().statusCode(200).extract().response());
        for (int guard = 0; guard < 50; guard++) {
            page.getEntry().forEach(e -> ids.add(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()));
            if (page.getLink("next") == null) {
                return ids;
            }
            page = parse(Bundle.class, given(token).get(page.getLink("next").getUrl()).then().statusCode(200).extract().response());
        }
        throw new AssertionError("more than 50 pages for " + url);
    }

    @Test
    void eachFacilitySeesItsOwnPartOfTheRecordPageByPage() throws InterruptedException {
        Episode first = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.woman("Đặng", "Thị Mai", 1983), "J18.9");
        Episode other = postEpisode(TestTokens.choRayEmr(), CHO_RAY, first.patientId(), null, "K29.7");
        Thread.sleep(1100);
        Thread.sleep(100);
        Episode later = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, first.patientId(), null, "I10");
        String base = "/Patient/" + first.patientId() + "/$everything";

        List<String> bachMai = everything(TestTokens.bachMaiEmr(), base + "?_count=2");
        assertThat(bachMai).contains("Patient/" + first.patientId(), "Encounter/" + first.encounterId(),
                        "Condition/" + first.conditionId(), "Encounter/" + later.encounterId(), "Condition/" + later.conditionId())
                .doesNotContain("Encounter/" + other.encounterId(), "Condition/" + other.conditionId())
                .doesNotHaveDuplicates();

        // Chợ Rẫy did not write the Patient and has no consent: the record itself is closed to it
        given(TestTokens.choRayEmr()).get(base).then().statusCode(403);
    }

    @Test
    void theCitizenReadsTheMergedRecordOfEveryFacility() {
        Episode bachMai = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, anPatientId(), null, "J20.9");
        Episode choRay = postEpisode(TestTokens.choRayEmr(), CHO_RAY, anPatientId(), null, "K29.7");
        List<String> record = everything(TestTokens.citizenAn(), "/Patient/" + anPatientId() + "/$everything?_type=Encounter&_count=50");
        assertThat(record).contains("Encounter/" + bachMai.encounterId(), "Encounter/" + choRay.encounterId());
        Bundle one = parse(Bundle.class, given(TestTokens.citizenAn()).get("/Encounter/" + choRay.encounterId() + "/_history"));
        assertThat(((Encounter) one.getEntryFirstRep().getResource()).getServiceProvider().getIdentifier().getValue()).isEqualTo(CHO_RAY);
    }
}
