package vn.ehealth.nhr.server;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

class TransactionBundleIT extends RunningServerTestBase {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    @Test
    void patientEncounterAndConditionWithInternalReferencesAreStoredTogether() {
        Patient patient = TestCitizens.man("Lê", "Văn Hùng", 1978);
        String cccd = TestCitizens.cccdOf(patient);
        Bundle tx = episode(patient, "A09.0");

        Bundle response = client().transaction().withBundle(tx).execute();

        assertThat(response.getEntry()).hasSize(3)
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        String patientId = response.getEntry().get(0).getResponse().getLocation().split("/_history")[0];
        String encounterId = response.getEntry().get(1).getResponse().getLocation().split("/_history")[0];

        Condition stored = client().search().forResource(Condition.class)
                .where(Condition.SUBJECT.hasId(patientId)).returnBundle(Bundle.class).execute()
                .getEntry().stream().map(e -> (Condition) e.getResource()).findFirst().orElseThrow();
        // the urn:uuid references were rewritten to the ids the server assigned
        assertThat(stored.getSubject().getReference()).isEqualTo(patientId);
        assertThat(stored.getEncounter().getReference()).isEqualTo(encounterId);
        assertThat(stored.getCode().getCodingFirstRep().getCode()).isEqualTo("A09.0");
        assertThat(countPatientsWithCccd(cccd)).isEqualTo(1);
    }

    @Test
    void oneBadEntryRejectsTheWholeTransactionAndStoresNothing() {
        Patient patient = TestCitizens.woman("Phạm", "Thị Hoa", 1995);
        String cccd = TestCitizens.cccdOf(patient);
        Bundle tx = episode(patient, "J18.9");
        // the Condition points at an Encounter that does not exist
        ((Condition) tx.getEntry().get(2).getResource()).setEncounter(new Reference("Encounter/no-such-encounter"));

        fhirJson().body(FHIR.newJsonParser().encodeResourceToString(tx)).post("/")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"))
                .body("issue[0].diagnostics", containsString("Encounter/no-such-encounter"));

        assertThat(countPatientsWithCccd(cccd)).as("the Patient of the failed transaction").isZero();
    }

    @Test
    void aTransactionWithAnUnparseableEntryIsRefusedAsAWhole() {
        String body = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:7f1c1b1e-1111-4a5b-9c3d-000000000001",
                   "resource":{"resourceType":"Patient","identifier":[{"system":"%s","value":"001080000777"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  {"resource":{"resourceType":"Encounter","status":"not-a-status","class":{"code":"AMB"}},
                   "request":{"method":"POST","url":"Encounter"}}]}
                """.formatted(NhrIdentifierSystems.CITIZEN_ID);

        fhirJson().body(body).post("/")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("not-a-status"));

        assertThat(countPatientsWithCccd("001080000777")).isZero();
    }

    /** An outpatient visit shaped like the guide's example, for a new patient, at Chợ Rẫy. */
    private Bundle episode(Patient patient, String icd10) {
        putExample("Organization-bv-cho-ray.json");
        putExample("Practitioner-bs-pham-thi-dung.json");
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + java.util.UUID.randomUUID();
        String encounterUrn = "urn:uuid:" + java.util.UUID.randomUUID();
        String conditionUrn = "urn:uuid:" + java.util.UUID.randomUUID();
        tx.addEntry().setFullUrl(patientUrn).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");

        Encounter encounter = example(Encounter.class, "Encounter-bich-2026-ngoai-tru.json");
        encounter.setId((String) null);
        encounter.getIdentifierFirstRep().setValue("CR" + System.nanoTime());
        encounter.setSubject(new Reference(patientUrn));
        encounter.getDiagnosisFirstRep().setCondition(new Reference(conditionUrn));
        tx.addEntry().setFullUrl(encounterUrn).setResource(encounter)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");

        Condition condition = example(Condition.class, "Condition-bich-viem-da-day-ruot.json");
        condition.setId((String) null);
        condition.setSubject(new Reference(patientUrn));
        condition.setEncounter(new Reference(encounterUrn));
        condition.setCode(new CodeableConcept(new Coding(ICD10, icd10, null)));
        tx.addEntry().setFullUrl(conditionUrn).setResource(condition)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Condition");
        return tx;
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T example(Class<T> type, String file) {
        byte[] json = vn.ehealth.nhr.ig.GuideExamples.fromClasspath().valid().get(file);
        return FHIR.newJsonParser().parseResource(type, new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Creates (or refreshes) a referenced example resource under its own id. */
    private void putExample(String file) {
        byte[] json = vn.ehealth.nhr.ig.GuideExamples.fromClasspath().valid().get(file);
        var resource = FHIR.newJsonParser().parseResource(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        fhirJson().body(FHIR.newJsonParser().encodeResourceToString(resource))
                .put("/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private int countPatientsWithCccd(String cccd) {
        return client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NhrIdentifierSystems.CITIZEN_ID, cccd))
                .returnBundle(Bundle.class).execute().getTotal();
    }
}
