package vn.ehealth.nhr.server.patient;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Issue 6, item 2: {@code Patient/$everything} with {@code _type}, {@code _since} and {@code _count}
 * paging returns the whole record, filtered by the consent rules: two facilities write about the
 * same citizen, each sees its own part, the citizen sees all of it. {@code _type} and {@code _since}
 * narrow every page (HAPI alone added every referenced resource back and ignored {@code _since}).
 */
class PatientEverythingIT extends RunningServerTestBase {

    private static List<String> everything(String token, String url) {
        return RecordFixtures.allPages(token, url);
    }

    @Test
    void eachFacilitySeesItsOwnPartOfTheRecordWithTypeSinceAndPaging() throws InterruptedException {
        Episode first = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.woman("Đặng", "Thị Mai", 1983), "J18.9");
        Episode other = postEpisode(TestTokens.choRayEmr(), CHO_RAY, first.patientId(), null, "K29.7");
        Thread.sleep(1100);
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS); // after the first writes
        Thread.sleep(100);
        Episode later = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, first.patientId(), null, "I10");
        String base = "/Patient/" + first.patientId() + "/$everything";

        List<String> bachMai = everything(TestTokens.bachMaiEmr(), base + "?_count=2");
        assertThat(bachMai).contains("Patient/" + first.patientId(), "Encounter/" + first.encounterId(),
                        "Condition/" + first.conditionId(), "Encounter/" + later.encounterId(), "Condition/" + later.conditionId())
                .doesNotContain("Encounter/" + other.encounterId(), "Condition/" + other.conditionId())
                .doesNotHaveDuplicates();

        // _type: only the listed types (and the Patient itself, first), on every page, still consent-filtered
        List<String> encounters = everything(TestTokens.bachMaiEmr(), base + "?_type=Encounter&_count=1");
        assertThat(encounters).containsExactlyInAnyOrder("Patient/" + first.patientId(),
                "Encounter/" + first.encounterId(), "Encounter/" + later.encounterId());
        List<String> visits = everything(TestTokens.bachMaiEmr(), base + "?_type=Encounter,Condition&_count=2");
        assertThat(visits).containsExactlyInAnyOrder("Patient/" + first.patientId(),
                "Encounter/" + first.encounterId(), "Condition/" + first.conditionId(),
                "Encounter/" + later.encounterId(), "Condition/" + later.conditionId());
        assertThat(everything(TestTokens.bachMaiEmr(), base + "?_type=Encounter&_type=Condition"))
                .containsExactlyInAnyOrderElementsOf(visits);
        // _since: what changed since then only
        assertThat(everything(TestTokens.bachMaiEmr(), base + "?_type=Encounter,Condition&_since=" + since + "&_count=1"))
                .filteredOn(id -> !id.startsWith("Patient/"))
                .containsExactlyInAnyOrder("Encounter/" + later.encounterId(), "Condition/" + later.conditionId());
        assertThat(everything(TestTokens.bachMaiEmr(), base + "?_since=" + since))
                .doesNotContain("Encounter/" + first.encounterId(), "Condition/" + first.conditionId())
                .contains("Encounter/" + later.encounterId(), "Condition/" + later.conditionId());

        // Chợ Rẫy did not write the Patient and has no consent: the record itself is closed to it
        given(TestTokens.choRayEmr()).get(base).then().statusCode(403);
    }

    @Test
    void theCitizenReadsTheMergedRecordOfEveryFacility() {
        Episode bachMai = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, anPatientId(), null, "J20.9");
        Episode choRay = postEpisode(TestTokens.choRayEmr(), CHO_RAY, anPatientId(), null, "K29.7");
        List<String> record = everything(TestTokens.citizenAn(), "/Patient/" + anPatientId() + "/$everything?_type=Encounter&_count=50");
        assertThat(record).contains("Encounter/" + bachMai.encounterId(), "Encounter/" + choRay.encounterId())
                .allMatch(id -> id.startsWith("Encounter/") || id.equals("Patient/" + anPatientId()));
        Bundle one = parse(Bundle.class, given(TestTokens.citizenAn()).get("/Encounter/" + choRay.encounterId() + "/_history"));
        assertThat(((Encounter) one.getEntryFirstRep().getResource()).getServiceProvider().getIdentifier().getValue()).isEqualTo(CHO_RAY);
    }

    @Test
    void aTypeOrSinceTheServerCannotUseIsRefusedNamingTheParameter() {
        String base = "/Patient/" + anPatientId() + "/$everything";
        given(TestTokens.citizenAn()).get(base + "?_type=Encounter,Encountre").then().statusCode(400)
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", org.hamcrest.Matchers.equalTo("nhr-everything-type-unknown"))
                .body("issue[0].details.text", org.hamcrest.Matchers.containsString("Encountre"))
                .body("issue[0].expression[0]", org.hamcrest.Matchers.equalTo("_type"));
        given(TestTokens.citizenAn()).header("Accept-Language", "en").get(base + "?_since=yesterday").then().statusCode(400)
                .body("issue[0].details.coding[0].code", org.hamcrest.Matchers.equalTo("nhr-everything-since-invalid"))
                .body("issue[0].details.text", org.hamcrest.Matchers.containsString("is not an instant"));
    }
}
