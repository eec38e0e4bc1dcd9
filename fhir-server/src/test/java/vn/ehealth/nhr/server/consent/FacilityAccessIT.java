package vn.ehealth.nhr.server.consent;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.episode;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 5, rules 3–7 and 9, end to end with real Keycloak tokens: Bạch Mai (01001) writes, Chợ
 * Rẫy (79001) reads only with the citizen's consent; sensitive data, break the glass, analysts.
 */
class FacilityAccessIT extends RunningServerTestBase {

    private static final String CONSENT_REQUIRED_HINT = "Sổ Sức khỏe điện tử";

    private Episode bachMaiEpisode(String icd10) {
        return postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.woman("Lê", "Thị Hoa", 1979), icd10);
    }

    @Test
    void aFacilityWritesOnlyInItsOwnNameAndARefusedTransactionStoresNothing() {
        Patient patient = TestCitizens.man("Hoàng", "Văn Nam", 1970);
        Bundle tx = episode(BACH_MAI, null, patient, "J18.9");
        ((Encounter) tx.getEntry().get(1).getResource()).setServiceProvider(new Reference()
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(CHO_RAY)));
        given(TestTokens.bachMaiEmr()).body(json(tx)).post("/").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-write-as-other-facility"))
                .body("issue[0].diagnostics", containsString("79001"));
        asAdmin().get("/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + TestCitizens.cccdOf(patient))
                .then().statusCode(200).body("entry", nullValue());
    }

    @Test
    void whatAFacilityWritesCarriesItsFacilityCodeWhateverTheClientClaimed() {
        Bundle tx = episode(BACH_MAI, null, TestCitizens.man("Vũ", "Đức Long", 1966), "I10");
        tx.getEntry().get(1).getResource().getMeta().setSource("urn:nhr:facility:" + CHO_RAY);
        Response response = given(TestTokens.bachMaiEmr()).body(json(tx)).post("/");
        response.then().statusCode(200);
        String encounter = parse(Bundle.class, response).getEntry().get(1).getResponse().getLocation();
        asAdmin().get("/" + encounter).then().statusCode(200).body("meta.source", startsWith("urn:nhr:facility:" + BACH_MAI));
    }

    @Test
    void anotherFacilityMayNeitherChangeNorDeleteWhatAFacilityWrote() {
        Episode e = bachMaiEpisode("J18.9");
        String body = asAdmin().get("/Encounter/" + e.encounterId()).asString();
        given(TestTokens.choRayEmr()).body(body).put("/Encounter/" + e.encounterId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-other-facility-record"));
        given(TestTokens.clinicianChoRay()).delete("/Condition/" + e.conditionId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-other-facility-record"));
        asAdmin().get("/Condition/" + e.conditionId()).then().statusCode(200);
    }

    @Test
    void readingAnotherFacilitysRecordNeedsTheCitizensConsentAndADenyOverridesAPermit() {
        Episode e = bachMaiEpisode("J18.9");
        given(TestTokens.bachMaiEmr()).get("/Encounter/" + e.encounterId()).then().statusCode(200);
        given(TestTokens.choRayEmr()).get("/Encounter/" + e.encounterId()).then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-none-applicable"))
                .body("issue[0].diagnostics", containsString(CONSENT_REQUIRED_HINT))
                .body("entry", nullValue());
        given(TestTokens.choRayEmr()).get("/Encounter?patient=Patient/" + e.patientId() + "&_include=Encounter:patient")
                .then().statusCode(200).body("entry", nullValue()).body("total", nullValue());
        given(TestTokens.choRayEmr()).get("/Patient/" + e.patientId() + "/_history").then().statusCode(403);
        // what HAPI's filter cannot judge is refused: reverse chaining and $meta
        given(TestTokens.choRayEmr()).get("/Patient?_has:Condition:subject:code=J18.9").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-reverse-chain"));
        given(TestTokens.choRayEmr()).get("/Encounter/" + e.encounterId() + "/$meta").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-meta-unfiltered"));
        given(TestTokens.clinicianChoRay()).get("/Patient/" + e.patientId() + "/$everything").then().statusCode(403);

        // a facility records the citizen's consent: only with the signed form
        given(TestTokens.bachMaiEmr()).body(json(consent(e.patientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "encounters", false)))
                .post("/Consent").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-consent-needs-signed-form"));
        given(TestTokens.bachMaiEmr()).body(json(consent(e.patientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "encounters", true)))
                .post("/Consent").then().statusCode(201);

        given(TestTokens.choRayEmr()).get("/Encounter/" + e.encounterId()).then().statusCode(200);
        given(TestTokens.choRayEmr()).get("/Condition/" + e.conditionId()).then().statusCode(403); // diagnoses not shared
        Bundle found = parse(Bundle.class, given(TestTokens.choRayEmr())
                .get("/Encounter?patient=Patient/" + e.patientId() + "&_revinclude=Condition:encounter"));
        assertThat(found.getEntry()).extracting(en -> en.getResource().fhirType()).containsExactly("Encounter");

        given(TestTokens.bachMaiEmr()).body(json(consent(e.patientId(), Consent.ConsentProvisionType.DENY, CHO_RAY, "all", true)))
                .post("/Consent").then().statusCode(201);
        given(TestTokens.choRayEmr()).get("/Encounter/" + e.encounterId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-deny"));
    }

    @Test
    void aJudgedSearchAnswersWithTheStoredVersionItsSearchModeAndItsMeta() {
        Episode e = bachMaiEpisode("J20.9");
        Bundle found = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/Encounter?patient=Patient/" + e.patientId() + "&_include=Encounter:patient"));
        assertThat(found.getEntry()).extracting(en -> en.getResource().fhirType() + " " + en.getSearch().getMode().toCode())
                .containsExactlyInAnyOrder("Encounter match", "Patient include");
        Encounter first = (Encounter) found.getEntry().stream().filter(en -> en.getResource() instanceof Encounter)
                .findFirst().orElseThrow().getResource();
        assertThat(first.getMeta().getVersionId()).isEqualTo("1");
        assertThat(first.getMeta().getSource()).startsWith("urn:nhr:facility:" + BACH_MAI);
        assertThat(first.getMeta().hasLastUpdated()).isTrue();

        // a change between two searches is seen at once: the second search judges and answers version 2
        first.setStatus(Encounter.EncounterStatus.CANCELLED);
        first.setMeta(null);
        given(TestTokens.bachMaiEmr()).body(json(first)).put("/Encounter/" + e.encounterId()).then().statusCode(200);
        Encounter again = (Encounter) parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/Encounter?patient=Patient/" + e.patientId())).getEntryFirstRep().getResource();
        assertThat(again.getMeta().getVersionId()).isEqualTo("2");
        assertThat(again.getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
    }

    @Test
    void sensitiveDataIsSharedOnlyWhenTheConsentNamesItsCategory() {
        Episode pneumonia = bachMaiEpisode("J18.9");
        Episode depression = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, pneumonia.patientId(), null, "F32.9");
        Bundle labelled = episode(BACH_MAI, pneumonia.patientId(), null, "B34.9");
        labelled.getEntry().get(0).getResource().getMeta().addSecurity(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", "HIV/AIDS information sensitivity"));
        Response response = given(TestTokens.bachMaiEmr()).body(json(labelled)).post("/");
        response.then().statusCode(200);
        String labelledEncounter = parse(Bundle.class, response).getEntry().get(0).getResponse().getLocation();

        given(TestTokens.bachMaiEmr()).body(json(consent(pneumonia.patientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "all", true)))
                .post("/Consent").then().statusCode(201);
        given(TestTokens.choRayEmr()).get("/Condition/" + pneumonia.conditionId()).then().statusCode(200);
        given(TestTokens.choRayEmr()).get("/Condition/" + depression.conditionId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-sensitive-not-explicit"));
        given(TestTokens.choRayEmr()).get("/" + labelledEncounter.replaceAll("/_history/.*", "")).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-sensitive-not-explicit"));
        Bundle conditions = parse(Bundle.class, given(TestTokens.choRayEmr()).get("/Condition?patient=Patient/" + pneumonia.patientId()));
        assertThat(conditions.getEntry()).extracting(en -> en.getResource().getIdElement().getIdPart())
                .contains(pneumonia.conditionId()).doesNotContain(depression.conditionId());

        given(TestTokens.bachMaiEmr()).body(json(consent(pneumonia.patientId(), Consent.ConsentProvisionType.PERMIT, CHO_RAY, "mental-health", true)))
                .post("/Consent").then().statusCode(201);
        given(TestTokens.choRayEmr()).get("/Condition/" + depression.conditionId()).then().statusCode(200);
    }

    @Test
    void aClinicianMayBreakTheGlassWithAJustification() {
        Episode e = bachMaiEpisode("R57.0");
        given(TestTokens.clinicianChoRay()).get("/Encounter/" + e.encounterId()).then().statusCode(403);
        given(TestTokens.clinicianChoRay())
                .header(AccessContexts.PURPOSE_OF_USE_HEADER, "ETREAT")
                .header(AccessContexts.JUSTIFICATION_HEADER, "B%E1%BB%87nh%20nh%C3%A2n%20h%C3%B4n%20m%C3%AA%20t%E1%BA%A1i%20c%E1%BA%A5p%20c%E1%BB%A9u")
                .get("/Patient/" + e.patientId() + "/$everything").then().statusCode(200)
                .body("entry.resource.id", org.hamcrest.Matchers.hasItems(e.encounterId(), e.conditionId()));
    }

    @Test
    void analystsSeeDeidentifiedPatientsAndPseudonymousReferencesAndWriteNothing() {
        Episode e = bachMaiEpisode("J18.9");
        Patient seen = parse(Patient.class, given(TestTokens.analyst()).get("/Patient/" + e.patientId()));
        assertThat(seen.getIdElement().getIdPart()).startsWith("pseudo-");
        assertThat(seen.getName()).isEmpty();
        assertThat(seen.getIdentifier()).singleElement().satisfies(i -> assertThat(i.getSystem()).isEqualTo("urn:nhr:pseudonym"));
        assertThat(seen.getBirthDateElement().getValueAsString()).isEqualTo("1979");
        Bundle encounters = parse(Bundle.class, given(TestTokens.analyst()).get("/Encounter?_id=" + e.encounterId()));
        assertThat(((Encounter) encounters.getEntryFirstRep().getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + seen.getIdElement().getIdPart());
        assertThat(json(encounters)).doesNotContain("Lê Thị Hoa").doesNotContain(e.patientId() + "\"");
        given(TestTokens.analyst()).body(json(TestCitizens.man("Phan", "Văn Tư", 1990))).post("/Patient").then().statusCode(403);
    }

    @Test
    void pagesAndHistoryShowNothingOfWhatIsHidden() {
        Episode first = bachMaiEpisode("J18.9");
        for (int i = 0; i < 2; i++) {
            postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, first.patientId(), null, "J20.9");
        }
        Episode own = postEpisode(TestTokens.choRayEmr(), CHO_RAY, first.patientId(), null, "K29.7");
        List<String> seen = new ArrayList<>();
        Bundle page = parse(Bundle.class, given(TestTokens.choRayEmr()).get("/Encounter?patient=Patient/" + first.patientId() + "&_count=1"));
        // without any Consent the search is narrowed to what Chợ Rẫy wrote: no empty pages of hidden entries first
        assertThat(page.getEntry()).extracting(en -> en.getResource().getIdElement().getIdPart()).containsExactly(own.encounterId());
        for (int guard = 0; guard < 10; guard++) {
            page.getEntry().forEach(en -> seen.add(en.getResource().getIdElement().getIdPart()));
            assertThat(page.hasTotal()).as("a filtered search gives no total").isFalse();
            if (page.getLink("next") == null) {
                break;
            }
            page = parse(Bundle.class, given(TestTokens.choRayEmr()).get(page.getLink("next").getUrl()));
        }
        assertThat(seen).containsExactly(own.encounterId());
        Bundle history = parse(Bundle.class, given(TestTokens.choRayEmr()).get("/Encounter/_history?_count=200"));
        assertThat(history.getEntry()).extracting(en -> en.getResource() == null ? "" : en.getResource().getIdElement().getIdPart())
                .doesNotContain(first.encounterId()).contains(own.encounterId());
    }
}
