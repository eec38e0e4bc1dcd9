package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.RecordCompartments;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.anPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.bichPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 5, rule 2, end to end: the citizen signed in to the Sổ Sức khỏe app (real Keycloak token
 * carrying their CCCD) sees their own record and nothing of anyone else's, however they ask.
 */
class CitizenAccessIT extends RunningServerTestBase {

    /** Nguyễn Văn An's record gets a visit at Bạch Mai, Trần Thị Bích's one at Chợ Rẫy. */
    private Episode[] visits() {
        Episode an = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, anPatientId(), null, "J18.9");
        Episode bich = postEpisode(TestTokens.choRayEmr(), CHO_RAY, bichPatientId(), null, "A09.0");
        return new Episode[] {an, bich};
    }

    @Test
    void aCitizenReadsTheirOwnRecordButNotAnotherCitizensByAnyRoute() {
        Episode[] v = visits();
        String an = TestTokens.citizenAn();
        given(an).get("/Patient/" + anPatientId()).then().statusCode(200)
                .body("identifier.find { it.system == '" + NhrIdentifierSystems.CITIZEN_ID + "' }.value", equalTo("001085012345"));
        given(an).get("/Encounter/" + v[0].encounterId()).then().statusCode(200);

        given(an).get("/Patient/" + bichPatientId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-other-citizen"));
        given(an).get("/Encounter/" + v[1].encounterId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-consent-not-own-record"));
        given(an).get("/Encounter?patient=Patient/" + bichPatientId()).then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-other-citizen"));
        given(an).get("/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|079301004567").then().statusCode(403);
        given(an).get("/Patient?cccd=079301004567").then().statusCode(403);
        given(an).get("/Patient/" + bichPatientId() + "/$everything").then().statusCode(403);
        given(an).get("/Patient/" + bichPatientId() + "/_history").then().statusCode(403);
    }

    @Test
    void searchesIncludesAndEverythingReturnOnlyTheCitizensOwnRecord() {
        Episode[] v = visits();
        String an = TestTokens.citizenAn();
        RecordCompartments compartments = new RecordCompartments(RecordFixtures.FHIR);
        for (String query : new String[] {"/Encounter?_count=100", "/Condition?_include=Condition:subject&_count=100",
                "/Encounter?_revinclude=Condition:encounter&_include=Encounter:patient&_count=100",
                "/Patient/" + anPatientId() + "/$everything?_count=200"}) {
            Bundle found = parse(Bundle.class, given(an).get(query));
            assertThat(found.getEntry()).as(query).isNotEmpty();
            for (Bundle.BundleEntryComponent e : found.getEntry()) {
                IBaseResource r = e.getResource();
                if (r instanceof org.hl7.fhir.r4.model.Organization || r instanceof org.hl7.fhir.r4.model.Practitioner) {
                    continue; // the directory: not anyone's record
                }
                assertThat(compartments.owners(r)).as(query + " " + r.getIdElement().getValue()).contains(anPatientId());
            }
            // the citizen's own access log (AuditEvents of their record) may quote what they typed; the rest may not
            found.getEntry().removeIf(e -> e.getResource() instanceof org.hl7.fhir.r4.model.AuditEvent);
            assertThat(json(found)).as(query).doesNotContain(v[1].encounterId() + "\"").doesNotContain("079301004567");
        }
    }

    @Test
    void aCitizenWritesConsentsOfTheirOwnRecordOnlyAndMayRevokeThem() {
        String an = TestTokens.citizenAn();
        Consent mine = consent(anPatientId(), Consent.ConsentProvisionType.PERMIT, "48001", "immunizations", false);
        var created = given(an).body(json(mine)).post("/Consent");
        created.then().statusCode(201);
        String id = new org.hl7.fhir.r4.model.IdType(created.header("Location")).getIdPart();
        given(TestTokens.administrator()).get("/Consent/" + id).then().statusCode(200)
                .body("meta.source", startsWith("urn:nhr:citizen"));

        Consent forSomeoneElse = consent(bichPatientId(), Consent.ConsentProvisionType.PERMIT, "48001", "all", false);
        given(an).body(json(forSomeoneElse)).post("/Consent").then().statusCode(403)
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-consent-not-own"));

        Consent revoked = parse(Consent.class, given(an).get("/Consent/" + id));
        revoked.setStatus(Consent.ConsentState.INACTIVE);
        given(an).body(json(revoked)).put("/Consent/" + id).then().statusCode(200).body("status", equalTo("inactive"));

        given(an).body(json(org.hl7.fhir.r4.model.Observation.class.cast(new org.hl7.fhir.r4.model.Observation())))
                .post("/Observation").then().statusCode(403);
        Patient changed = parse(Patient.class, given(an).get("/Patient/" + anPatientId()));
        given(an).body(json(changed)).put("/Patient/" + anPatientId()).then().statusCode(403);
    }
}
