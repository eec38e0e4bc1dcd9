package vn.ehealth.nhr.server.immunization;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, item 6: one dose is recorded once. Chợ Rẫy's EMR system records BCG doses (the guide's
 * example) for a new citizen in each test; Bạch Mai records its own.
 */
class DuplicateDoseIT extends RunningServerTestBase {

    private static String newPatient() {
        RecordFixtures.ensureDirectory();
        Patient p = TestCitizens.woman("Phan", "Thị Mai", 1992);
        Response response = given(TestTokens.choRayEmr()).body(json(p)).post("/Patient");
        response.then().statusCode(201);
        return parse(Patient.class, response).getIdElement().getIdPart();
    }

    /** The guide's BCG dose (Chợ Rẫy, performer Organization/bv-cho-ray) for {@code patientId} at {@code when}. */
    private static Immunization dose(String patientId, String when) {
        Immunization i = RecordFixtures.example(Immunization.class, "Immunization-con-bich-bcg.json");
        i.setId((String) null);
        i.setPatient(new Reference("Patient/" + patientId));
        i.setOccurrence(new DateTimeType(when));
        return i;
    }

    private static Immunization atBachMai(Immunization i) {
        i.getPerformer().get(0).setActor(new Reference("Organization/bv-bach-mai"));
        i.getPerformer().get(1).setActor(new Reference("Practitioner/bs-le-van-cuong"));
        return i;
    }

    private static Response post(String token, Immunization i) {
        return given(token).body(json(i)).post("/Immunization");
    }

    private static String created(Response response) {
        response.then().statusCode(201);
        return parse(Immunization.class, response).getIdElement().getIdPart();
    }

    private static List<String> dosesOf(String patientId) {
        Bundle found = parse(Bundle.class, asAdmin().get("/Immunization?patient=Patient/" + patientId + "&_sort=date"));
        return found.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    @Test
    void oneDoseSentSeveralTimesAtTheSameMomentIsStoredOnce() throws Exception {
        // an EMR retrying on a slow network, or two of its servers: every copy is checked against the others
        String patient = newPatient();
        String token = TestTokens.choRayEmr();
        int copies = 6;
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                answers.add(senders.submit(() -> {
                    go.await();
                    return post(token, dose(patient, "2026-11-22T09:00:00+07:00")).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(3, TimeUnit.MINUTES));
            }
            assertThat(statuses).as("one stored, the others refused as duplicates").containsOnly(201, 409)
                    .filteredOn(status -> status == 201).hasSize(1);
        } finally {
            senders.shutdownNow();
        }
        assertThat(dosesOf(patient)).hasSize(1);
    }

    @Test
    void aSecondRecordOfTheSameDoseIsRefusedWith409NamingTheRecordOnFile() {
        String patient = newPatient();
        String first = created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-21T09:00:00+07:00")));

        Immunization again = dose(patient, "2026-11-21T14:30:00+07:00"); // same day in Vietnam, another hour
        again.getVaccineCode().getCoding().remove(1); // without the CVX coding: one coding in common is enough
        Response refused = post(TestTokens.choRayEmr(), again);
        refused.then().statusCode(409).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("duplicate"))
                .body("issue[0].details.coding[0].code", equalTo("nhr-imm-duplicate-dose"));
        assertThat(refused.jsonPath().getString("issue[0].details.text"))
                .contains("Immunization/" + first, "Patient/" + patient, "BCG", "2026-11-21", "79001", "Mũi tiêm trùng lặp");
        Response english = given(TestTokens.choRayEmr()).header("Accept-Language", "en").body(json(again)).post("/Immunization");
        english.then().statusCode(409);
        assertThat(english.jsonPath().getString("issue[0].details.text")).contains("Duplicate dose", "Immunization/" + first);

        // the same dose written late at night UTC is the next day in Vietnam: another day, accepted
        created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-21T17:30:00Z")));
        assertThat(dosesOf(patient)).hasSize(2).startsWith(first);
    }

    @Test
    void updatingTheRecordItselfAnotherFacilityAndRecordsOfNoDoseAreNotDuplicates() {
        String patient = newPatient();
        String first = created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-21T09:00:00+07:00")));

        Immunization corrected = parse(Immunization.class, asAdmin().get("/Immunization/" + first));
        corrected.setLotNumber("BCG-260816");
        given(TestTokens.choRayEmr()).body(json(corrected)).put("/Immunization/" + first).then().statusCode(200);

        // Bạch Mai gave a dose the same day: not the same dose
        created(post(TestTokens.bachMaiEmr(), atBachMai(dose(patient, "2026-11-21T10:00:00+07:00"))));

        // a postponed dose (not-done) neither is a duplicate nor blocks the dose given later that day
        Immunization postponed = RecordFixtures.example(Immunization.class, "Immunization-con-bich-bcg-hoan.json");
        postponed.setId((String) null);
        postponed.setPatient(new Reference("Patient/" + patient));
        postponed.setOccurrence(new DateTimeType("2026-11-25T08:00:00+07:00"));
        created(post(TestTokens.choRayEmr(), postponed));
        String given = created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-25T16:00:00+07:00")));

        // a record marked entered-in-error no longer counts
        Immunization mistaken = parse(Immunization.class, asAdmin().get("/Immunization/" + given));
        mistaken.setStatus(Immunization.ImmunizationStatus.ENTEREDINERROR);
        given(TestTokens.choRayEmr()).body(json(mistaken)).put("/Immunization/" + given).then().statusCode(200);
        created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-25T16:05:00+07:00")));

        assertThat(dosesOf(patient)).hasSize(5);
    }

    @Test
    void theDosesOfAPatientAreSortedByDate() {
        String patient = newPatient();
        String third = created(post(TestTokens.choRayEmr(), dose(patient, "2026-12-20T09:00:00+07:00")));
        String first = created(post(TestTokens.choRayEmr(), dose(patient, "2026-10-20T09:00:00+07:00")));
        String second = created(post(TestTokens.choRayEmr(), dose(patient, "2026-11-20T09:00:00+07:00")));

        assertThat(dosesOf(patient)).containsExactly(first, second, third);
        Bundle newestFirst = parse(Bundle.class, given(TestTokens.choRayEmr())
                .get("/Immunization?patient=Patient/" + patient + "&_sort=-date"));
        assertThat(newestFirst.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(third, second, first);
    }

    @Test
    void twoRecordsOfOneDoseInATransactionStoreNothing() {
        String patient = newPatient();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String when : new String[] {"2026-11-21T09:00:00+07:00", "2026-11-21T09:10:00+07:00"}) {
            tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(dose(patient, when))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");
        }
        given(TestTokens.choRayEmr()).body(json(tx)).post("/").then().statusCode(409)
                .body("issue[0].details.coding[0].code", equalTo("nhr-imm-duplicate-dose"));
        assertThat(dosesOf(patient)).isEmpty();
    }

    /** The app's vaccination book: by vaccine (national code), then dose after dose. */
    @Test
    void aPatientsDosesCanBeReadByVaccineThenInDoseOrder() {
        String patient = newPatient();
        String[][] doses = {{"DPT-VGB-HIB", "2026-03-02", "1"}, {"BOPV", "2026-04-02", "2"}, {"DPT-VGB-HIB", "2026-04-02", "2"},
                {"BOPV", "2026-03-02", "1"}};
        for (String[] d : doses) {
            Immunization i = dose(patient, d[1] + "T09:00:00+07:00");
            i.getVaccineCode().getCoding().get(0).setCode(d[0]).setDisplay(null);
            i.getVaccineCode().getCoding().get(1).setCode("BOPV".equals(d[0]) ? "178" : "102").setDisplay(null);
            i.getProtocolAppliedFirstRep().setDoseNumber(new org.hl7.fhir.r4.model.PositiveIntType(Integer.parseInt(d[2])));
            i.setSite(null).setRoute(null);
            created(post(TestTokens.choRayEmr(), i));
        }
        Bundle book = parse(Bundle.class, asAdmin().get("/Immunization?patient=Patient/" + patient + "&_sort=vaccine-code,date"));
        assertThat(book.getEntry().stream().map(e -> (Immunization) e.getResource())
                .map(i -> i.getVaccineCode().getCodingFirstRep().getCode() + " " + i.getProtocolAppliedFirstRep().getDoseNumberPositiveIntType().getValue()))
                .containsExactly("BOPV 1", "BOPV 2", "DPT-VGB-HIB 1", "DPT-VGB-HIB 2");
    }
}
