package vn.ehealth.nhr.server.prescription;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, item 5: an e-prescription's lines (MedicationRequests sharing a prescription code) are
 * found together; their status moves only forward; dispenses need an active line and never exceed
 * the prescribed quantity. Written by Bạch Mai's EMR system, as a hospital would.
 */
class PrescriptionLifecycleIT extends RunningServerTestBase {

    private static final String CODE_SYSTEM = NhrIdentifierSystems.PRESCRIPTION_CODE;

    private static String newCode() {
        return "01001" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase() + "-c";
    }

    /** A line of prescription {@code code} for Nguyễn Văn An, from the guide's example, prescribing {@code quantity} tablets. */
    private static MedicationRequest line(String code, int quantity) {
        RecordFixtures.ensureDirectory();
        MedicationRequest mr = RecordFixtures.example(MedicationRequest.class, "MedicationRequest-an-don-ra-vien-1.json");
        mr.setId((String) null);
        mr.getIdentifierFirstRep().setValue(code);
        mr.getGroupIdentifier().setValue(code);
        mr.getDispenseRequest().getQuantity().setValue(quantity);
        return mr;
    }

    private static String post(MedicationRequest line) {
        Response response = given(TestTokens.bachMaiEmr()).body(json(line)).post("/MedicationRequest");
        response.then().statusCode(201);
        return parse(MedicationRequest.class, response).getIdElement().getIdPart();
    }

    private static MedicationRequest stored(String id) {
        return parse(MedicationRequest.class, asAdmin().get("/MedicationRequest/" + id));
    }

    private static Response putStatus(String id, String status, String language) {
        MedicationRequest mr = stored(id);
        mr.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(status));
        var spec = given(TestTokens.bachMaiEmr());
        if (language != null) {
            spec = spec.header("Accept-Language", language);
        }
        return spec.body(json(mr)).put("/MedicationRequest/" + id);
    }

    private static MedicationDispense dispense(String lineRef, int quantity, MedicationDispense.MedicationDispenseStatus status) {
        MedicationRequest example = RecordFixtures.example(MedicationRequest.class, "MedicationRequest-an-don-ra-vien-1.json");
        MedicationDispense d = new MedicationDispense();
        d.setStatus(status);
        d.setMedication(example.getMedicationCodeableConcept().copy());
        d.setSubject(new Reference("Patient/" + RecordFixtures.anPatientId()));
        d.addPerformer().setActor(new Reference("Organization/bv-bach-mai"));
        d.addAuthorizingPrescription(new Reference(lineRef));
        d.setQuantity(new Quantity().setValue(quantity).setUnit("viên"));
        d.setWhenHandedOverElement(new DateTimeType("2026-11-25T11:00:00+07:00"));
        return d;
    }

    private static Response postDispense(MedicationDispense d) {
        return given(TestTokens.bachMaiEmr()).body(json(d)).post("/MedicationDispense");
    }

    private static int dispensesOf(String lineId) {
        return asAdmin().get("/MedicationDispense?prescription=MedicationRequest/" + lineId + "&_summary=count")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void searchByPrescriptionCodeReturnsAllItsLinesAndOnlyThem() {
        String code = newCode();
        String first = post(line(code, 14));
        MedicationRequest second = line(code, 30);
        second.getMedicationCodeableConcept().getCodingFirstRep().setCode("VD-12345-21");
        String secondId = post(second);
        post(line(newCode(), 10)); // another prescription

        Bundle found = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/MedicationRequest?group-identifier=" + CODE_SYSTEM + "|" + code));
        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder(first, secondId);
        asAdmin().get("/MedicationRequest?group-identifier=" + code).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aLineMovesForwardOnlyAndAFinishedLineIsNeverActiveAgain() {
        String held = post(line(newCode(), 14));
        putStatus(held, "on-hold", null).then().statusCode(200);
        putStatus(held, "active", null).then().statusCode(200);
        putStatus(held, "stopped", null).then().statusCode(200);
        putStatus(held, "active", null).then().statusCode(409)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-rx-status-transition"))
                .body("issue[0].expression[0]", equalTo("MedicationRequest.status"));

        String done = post(line(newCode(), 14));
        putStatus(done, "completed", null).then().statusCode(200);
        Response refused = putStatus(done, "active", null);
        refused.then().statusCode(409);
        assertThat(refused.jsonPath().getString("issue[0].details.text"))
                .contains("MedicationRequest/" + done, "'completed'", "'active'", "trạng thái cuối");
        Response english = putStatus(done, "active", "en");
        english.then().statusCode(409);
        assertThat(english.jsonPath().getString("issue[0].details.text")).contains("is final", "'completed'", "'active'");
        assertThat(stored(done).getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.COMPLETED);
        assertThat(stored(done).getMeta().getVersionId()).isEqualTo("2");

        // a PATCH takes the same road
        given(TestTokens.bachMaiEmr()).contentType("application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"active\"}]").patch("/MedicationRequest/" + done)
                .then().statusCode(409).body("issue[0].details.coding[0].code", equalTo("nhr-rx-status-transition"));
        // a finished line may still be marked as recorded by mistake
        putStatus(done, "entered-in-error", null).then().statusCode(200);
    }

    @Test
    void aRefusedTransitionInATransactionStoresNothingOfIt() {
        String done = post(line(newCode(), 14));
        putStatus(done, "cancelled", null).then().statusCode(200);
        String code = newCode();
        MedicationRequest resurrected = stored(done);
        resurrected.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(line(code, 14)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");
        tx.addEntry().setFullUrl(baseUrl() + "/MedicationRequest/" + done).setResource(resurrected).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl("MedicationRequest/" + done);

        given(TestTokens.bachMaiEmr()).body(json(tx)).post("/").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("nhr-rx-status-transition"))
                .body("issue[0].expression[0]", equalTo("Bundle.entry[1].resource.status"));
        asAdmin().get("/MedicationRequest?group-identifier=" + CODE_SYSTEM + "|" + code).then().body("total", equalTo(0));
        assertThat(stored(done).getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.CANCELLED);
    }

    @Test
    void dispensesNeedAnActiveLineAndNeverExceedThePrescribedQuantity() {
        String id = post(line(newCode(), 14));
        String ref = "MedicationRequest/" + id;
        postDispense(dispense(ref, 10, MedicationDispense.MedicationDispenseStatus.COMPLETED)).then().statusCode(201);

        Response over = postDispense(dispense(ref, 5, MedicationDispense.MedicationDispenseStatus.COMPLETED));
        over.then().statusCode(409).body("issue[0].details.coding[0].code", equalTo("nhr-rx-over-dispensed"))
                .body("issue[0].expression[0]", equalTo("MedicationDispense.quantity"));
        assertThat(over.jsonPath().getString("issue[0].details.text"))
                .contains(ref, "kê 14 viên", "đã cấp 10 viên", "lần này 5 viên", "tối đa 4 viên");
        given(TestTokens.bachMaiEmr()).header("Accept-Language", "en")
                .body(json(dispense(ref, 5, MedicationDispense.MedicationDispenseStatus.COMPLETED))).post("/MedicationDispense")
                .then().statusCode(409).body("issue[0].details.text", containsString("Over-dispensed"));

        // a cancelled dispense hands nothing over and does not count
        postDispense(dispense(ref, 3, MedicationDispense.MedicationDispenseStatus.CANCELLED)).then().statusCode(201);
        postDispense(dispense(ref, 4, MedicationDispense.MedicationDispenseStatus.COMPLETED)).then().statusCode(201);
        assertThat(dispensesOf(id)).isEqualTo(3);

        putStatus(id, "completed", null).then().statusCode(200);
        Response inactive = postDispense(dispense(ref, 1, MedicationDispense.MedicationDispenseStatus.COMPLETED));
        inactive.then().statusCode(409).body("issue[0].details.coding[0].code", equalTo("nhr-rx-dispense-line-not-active"))
                .body("issue[0].expression[0]", equalTo("MedicationDispense.authorizingPrescription[0]"));
        assertThat(inactive.jsonPath().getString("issue[0].details.text")).contains(ref, "'completed'");
        assertThat(dispensesOf(id)).isEqualTo(3);
    }

    @Test
    void aMedicationDispenseHasNoProfileInTheGuideButIsHeldToBaseFhir() {
        String ref = "MedicationRequest/" + post(line(newCode(), 14));
        MedicationDispense noStatus = dispense(ref, 1, MedicationDispense.MedicationDispenseStatus.COMPLETED);
        noStatus.setStatus(null);
        Response refused = postDispense(noStatus);
        refused.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"));
        assertThat(refused.asString()).contains("MedicationDispense.status");
        assertThat(dispensesOf(ref.substring(ref.indexOf('/') + 1))).isZero();
    }

    @Test
    void aPrescriptionAndItsDispensesInOneTransactionAreJudgedTogether() {
        String code = newCode();
        String lineUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry().setFullUrl(lineUrn).setResource(line(code, 14)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationRequest");
        for (int quantity : new int[] {10, 5}) {
            tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(dispense(lineUrn, quantity, MedicationDispense.MedicationDispenseStatus.COMPLETED))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationDispense");
        }
        given(TestTokens.bachMaiEmr()).body(json(tx)).post("/").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("nhr-rx-over-dispensed"));
        asAdmin().get("/MedicationRequest?group-identifier=" + CODE_SYSTEM + "|" + code).then().body("total", equalTo(0));

        ((MedicationDispense) tx.getEntry().get(2).getResource()).getQuantity().setValue(4);
        Response accepted = given(TestTokens.bachMaiEmr()).body(json(tx)).post("/");
        accepted.then().statusCode(200);
        String lineId = new org.hl7.fhir.r4.model.IdType(parse(Bundle.class, accepted).getEntry().get(0).getResponse().getLocation()).getIdPart();
        assertThat(dispensesOf(lineId)).isEqualTo(2);
    }
}
