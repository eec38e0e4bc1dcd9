package vn.ehealth.nhr.server.patient;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.audit.AuditTrail;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 6, item 1: {@code Patient/$merge} joins a record a facility opened before it knew the
 * citizen's CCCD (health-insurance number only) into the citizen's record, by HAPI's merge
 * operation: references moved, the source marked replaced-by, a Provenance and an AuditEvent
 * naming the administrator; administrators only; bad parameters refused with OperationOutcomes.
 */
class PatientMergeIT extends RunningServerTestBase {

    @Autowired
    private AuditTrail auditTrail;

    private static final String MERGE = "/Patient/$merge";

    /** A Patient known only by a health-insurance number (no CCCD yet). */
    static Patient withoutCccd(String family, String given) {
        Patient p = TestCitizens.man(family, given, 1969);
        p.getIdentifier().clear();
        p.addIdentifier().setSystem(NhrIdentifierSystems.INSURANCE_NUMBER)
                .setValue(String.valueOf(1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L)));
        return p;
    }

    static Parameters merge(String source, String target) {
        Parameters p = new Parameters();
        if (source != null) {
            p.addParameter().setName("source-patient").setValue(new Reference(source));
        }
        if (target != null) {
            p.addParameter().setName("target-patient").setValue(new Reference(target));
        }
        return p;
    }

    @Test
    void anAdministratorMergesTheRecordOpenedWithoutCccdIntoTheCitizensRecord() {
        Instant start = Instant.now().minusSeconds(1);
        Episode early = postEpisode(TestTokens.choRayEmr(), CHO_RAY, null, withoutCccd("Phan", "Văn Tài"), "K29.7");
        Patient citizen = TestCitizens.man("Phan", "Văn Tài", 1969);
        Episode known = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, citizen, "I10");
        String source = "Patient/" + early.patientId();
        String target = "Patient/" + known.patientId();

        Response merged = asAdmin().body(json(merge(source, target))).post(MERGE);
        merged.then().statusCode(200).body("resourceType", equalTo("Parameters"));
        Parameters answer = parse(Parameters.class, merged);
        Patient result = (Patient) answer.getParameter("result").getResource();
        assertThat(result.getLink()).anySatisfy(l -> {
            assertThat(l.getType()).isEqualTo(Patient.LinkType.REPLACES);
            assertThat(l.getOther().getReference()).isEqualTo(source);
        });

        // the source is replaced by the target; what it held now belongs to the target
        Patient old = parse(Patient.class, asAdmin().get("/" + source));
        assertThat(old.getActive()).isFalse();
        assertThat(old.getLink()).anySatisfy(l -> {
            assertThat(l.getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
            assertThat(l.getOther().getReference()).isEqualTo(target);
        });
        Encounter moved = parse(Encounter.class, asAdmin().get("/Encounter/" + early.encounterId()));
        assertThat(moved.getSubject().getReference()).isEqualTo(target);
        assertThat(moved.getMeta().getSource()).startsWith("urn:nhr:facility:" + CHO_RAY); // still Chợ Rẫy's record
        assertThat(parse(Condition.class, asAdmin().get("/Condition/" + early.conditionId())).getSubject().getReference())
                .isEqualTo(target);
        List<String> everything = everything(target + "/$everything?_count=100");
        assertThat(everything).contains(target, "Encounter/" + early.encounterId(), "Condition/" + early.conditionId(),
                "Encounter/" + known.encounterId(), "Condition/" + known.conditionId());

        // still one record per CCCD: the citizen's number is on the target only
        asAdmin().get("/Patient?cccd=" + TestCitizens.cccdOf(citizen)).then().statusCode(200)
                .body("total", equalTo(1)).body("entry[0].resource.id", equalTo(known.patientId()));

        // HAPI's Provenance names the administrator
        Bundle provenance = parse(Bundle.class, asAdmin().get("/Provenance?target=" + target));
        assertThat(provenance.getEntry()).anySatisfy(e -> {
            Provenance p = (Provenance) e.getResource();
            assertThat(p.getActivity().getCodingFirstRep().getCode()).isEqualTo("merge");
            assertThat(p.getAgentFirstRep().getWho().getIdentifier().getSystem()).isEqualTo("urn:nhr:keycloak-user");
            assertThat(p.getTarget()).anySatisfy(t -> assertThat(t.getReference()).startsWith(target));
        });

        // the access log of each record shows the merge and who ran it
        for (String patient : List.of(source, target)) {
            AuditEvent event = eventuallyMergeEvent(patient, start);
            assertThat(event.getEntity()).extracting(en -> en.getWhat().getReference()).contains(source, target);
            assertThat(event.getAgent()).anySatisfy(a -> {
                assertThat(a.getRequestor()).isTrue();
                assertThat(a.getWho().getIdentifier().getSystem()).isEqualTo("urn:nhr:keycloak-user");
            });
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        }
    }

    @Test
    void onlyAdministratorsMerge() {
        Episode a = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, withoutCccd("Đỗ", "Văn Hải"), "J20.9");
        Episode b = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.man("Đỗ", "Văn Hải", 1969), "J20.9");
        String body = json(merge("Patient/" + a.patientId(), "Patient/" + b.patientId()));
        given(TestTokens.bachMaiEmr()).body(body).post(MERGE).then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-access-administrators-only"))
                .body("issue[0].diagnostics", containsString("quản trị viên"));
        given(TestTokens.clinicianBachMai()).header("Accept-Language", "en").body(body).post(MERGE).then().statusCode(403)
                .body("issue[0].diagnostics", containsString("Only administrators"));
        Patient untouched = parse(Patient.class, asAdmin().get("/Patient/" + a.patientId()));
        assertThat(untouched.getLink()).isEmpty();
        assertThat(parse(Encounter.class, asAdmin().get("/Encounter/" + a.encounterId())).getSubject().getReference())
                .isEqualTo("Patient/" + a.patientId());
    }

    @Test
    void badParametersAreRefusedWithAnOperationOutcomeNamingTheProblem() {
        String one = "Patient/" + asAdmin().body(json(TestCitizens.woman("Ngô", "Thị Lụa", 1990))).post("/Patient")
                .then().statusCode(201).extract().path("id");
        String other = "Patient/" + asAdmin().body(json(TestCitizens.woman("Ngô", "Thị Lụa", 1990))).post("/Patient")
                .then().statusCode(201).extract().path("id");
        String noCccd = "Patient/" + asAdmin().body(json(withoutCccd("Ngô", "Văn Lực"))).post("/Patient")
                .then().statusCode(201).extract().path("id");

        refused(asAdmin().body(json(merge(null, one))), 400, "nhr-pat-merge-source-missing")
                .body("issue[0].details.text", containsString("source-patient"));
        refused(asAdmin().header("Accept-Language", "en").body(json(merge(one, null))), 400, "nhr-pat-merge-target-missing")
                .body("issue[0].details.text", containsString("The target record (kept) is missing"));
        refused(asAdmin().body(json(merge(one, one))), 422, "nhr-pat-merge-same-patient")
                .body("issue[0].details.text", containsString(one));
        refused(asAdmin().header("Accept-Language", "en").body(json(merge(one, other))), 422, "nhr-pat-merge-cccd-conflict")
                .body("issue[0].details.text", containsString("Two different citizens"))
                .body("issue[0].details.text", containsString(one)).body("issue[0].details.text", containsString(other));
        refused(asAdmin().body(json(merge(one, noCccd))), 422, "nhr-pat-merge-cccd-on-source")
                .body("issue[0].details.text", containsString("source-patient=" + noCccd));
        // by identifier too: the CCCD of the source is looked up
        Parameters byIdentifier = merge(null, noCccd);
        Patient stored = parse(Patient.class, asAdmin().get("/" + one));
        byIdentifier.addParameter().setName("source-patient-identifier")
                .setValue(new Identifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(TestCitizens.cccdOf(stored)));
        refused(asAdmin().body(json(byIdentifier)), 422, "nhr-pat-merge-cccd-on-source");

        // nothing was changed by any of them
        for (String p : List.of(one, other, noCccd)) {
            Patient now = parse(Patient.class, asAdmin().get("/" + p));
            assertThat(now.getLink()).isEmpty();
            assertThat(now.getMeta().getVersionId()).isEqualTo("1");
        }
    }

    @Test
    void theOperationIsDescribedByItsOperationDefinition() {
        asAdmin().get("/OperationDefinition/Patient-t-merge").then().statusCode(200)
                .body("code", equalTo("merge"))
                .body("parameter.name", org.hamcrest.Matchers.hasItems("source-patient", "target-patient", "result-patient"));
    }

    private static io.restassured.response.ValidatableResponse refused(io.restassured.specification.RequestSpecification request,
            int status, String rule) {
        return request.post(MERGE).then().statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].details.coding[0].code", equalTo(rule));
    }

    private static List<String> everything(String url) {
        List<String> ids = new ArrayList<>();
        Bundle page = parse(Bundle.class, asAdmin().get("/" + url).then().statusCode(200).extract().response());
        for (int guard = 0; guard < 20; guard++) {
            page.getEntry().forEach(e -> ids.add(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()));
            if (page.getLink("next") == null) {
                return ids;
            }
            page = parse(Bundle.class, asAdmin().get(page.getLink("next").getUrl()).then().statusCode(200).extract().response());
        }
        throw new AssertionError("too many pages for " + url);
    }

    /**
     * The access log is written in the background, behind whatever earlier tests queued: wait until
     * the writer has stored everything queued so far, then look for the merge event itself.
     */
    private AuditEvent eventuallyMergeEvent(String patient, Instant since) {
        try {
            assertThat(auditTrail.flush(Duration.ofMinutes(2))).as("access log written within 2 minutes").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Bundle found = parse(Bundle.class, asAdmin().get("/AuditEvent?patient=" + patient + "&subtype=merge&date=ge" + since
                + "&_count=100").then().statusCode(200).extract().response());
        return found.getEntry().stream().map(e -> (AuditEvent) e.getResource()).findFirst()
                .orElseThrow(() -> new AssertionError("no merge AuditEvent for " + patient));
    }
}
