package vn.ehealth.nhr.server.support;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.oneOf;

/**
 * Records for the access-control tests, built from the guide's valid examples so they pass the
 * profiles: the facilities' directory entries, outpatient episodes written by a facility's EMR
 * system, and citizens' Consents.
 */
public final class RecordFixtures {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final String BACH_MAI = "01001";
    public static final String CHO_RAY = "79001";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String CATEGORY_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-consent-data-category";

    private static final Map<String, String> ORGANIZATION = Map.of(BACH_MAI, "bv-bach-mai", CHO_RAY, "bv-cho-ray");
    private static final Map<String, String> PRACTITIONER = Map.of(BACH_MAI, "bs-le-van-cuong", CHO_RAY, "bs-pham-thi-dung");
    private static volatile boolean directoryReady;

    /** What a posted episode became. */
    public record Episode(String patientId, String encounterId, String conditionId) {
    }

    private RecordFixtures() {
    }

    /** The two hospitals, their doctors and the two demo citizens' Patients (as in the guide), stored by the administrator. */
    public static synchronized void ensureDirectory() {
        if (directoryReady) {
            return;
        }
        for (String file : new String[] {"Organization-bv-bach-mai.json", "Organization-bv-cho-ray.json",
                "Practitioner-bs-le-van-cuong.json", "Practitioner-bs-pham-thi-dung.json",
                "Patient-nguyen-van-an.json", "Patient-tran-thi-bich.json"}) {
            IBaseResource r = example(IBaseResource.class, file);
            asAdmin().body(FHIR.newJsonParser().encodeResourceToString(r))
                    .put("/" + r.fhirType() + "/" + r.getIdElement().getIdPart()).then().statusCode(oneOf(200, 201));
        }
        directoryReady = true;
    }

    /** Patient id of a demo citizen ("nguyen-van-an" / "tran-thi-bich", as the guide's examples). */
    public static String anPatientId() {
        ensureDirectory();
        return "nguyen-van-an";
    }

    public static String bichPatientId() {
        ensureDirectory();
        return "tran-thi-bich";
    }

    /**
     * An outpatient visit at {@code facility} with one diagnosis, for an existing Patient (by id) or
     * a new one (created in the same transaction), posted with {@code token}.
     */
    public static Episode postEpisode(String token, String facility, String existingPatientId, Patient newPatient, String icd10) {
        ensureDirectory();
        Response response = given(token).body(FHIR.newJsonParser().encodeResourceToString(
                episode(facility, existingPatientId, newPatient, icd10))).post("/");
        response.then().statusCode(200);
        Bundle result = FHIR.newJsonParser().parseResource(Bundle.class, response.asString());
        String patientId = existingPatientId;
        int i = 0;
        if (newPatient != null) {
            patientId = idOf(result.getEntry().get(i++).getResponse().getLocation());
        }
        return new Episode(patientId, idOf(result.getEntry().get(i++).getResponse().getLocation()),
                idOf(result.getEntry().get(i).getResponse().getLocation()));
    }

    public static Bundle episode(String facility, String existingPatientId, Patient newPatient, String icd10) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientRef = "Patient/" + existingPatientId;
        if (newPatient != null) {
            patientRef = "urn:uuid:" + UUID.randomUUID();
            tx.addEntry().setFullUrl(patientRef).setResource(newPatient).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }
        String encounterUrn = "urn:uuid:" + UUID.randomUUID();
        String conditionUrn = "urn:uuid:" + UUID.randomUUID();
        Encounter encounter = example(Encounter.class, "Encounter-bich-2026-ngoai-tru.json");
        encounter.setId((String) null);
        encounter.getIdentifierFirstRep().setSystem(NhrIdentifierSystems.treatmentEpisode(facility)).setValue("T" + System.nanoTime());
        encounter.setSubject(new Reference(patientRef));
        encounter.setServiceProvider(new Reference("Organization/" + ORGANIZATION.get(facility))
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(facility)));
        encounter.getParticipantFirstRep().setIndividual(new Reference("Practitioner/" + PRACTITIONER.get(facility)));
        encounter.getDiagnosisFirstRep().setCondition(new Reference(conditionUrn));
        tx.addEntry().setFullUrl(encounterUrn).setResource(encounter).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Condition condition = example(Condition.class, "Condition-bich-viem-da-day-ruot.json");
        condition.setId((String) null);
        condition.setSubject(new Reference(patientRef));
        condition.setEncounter(new Reference(encounterUrn));
        condition.setCode(new CodeableConcept(new Coding(ICD10, icd10, null)));
        tx.addEntry().setFullUrl(conditionUrn).setResource(condition).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Condition");
        return tx;
    }

    /**
     * A Consent of the citizen {@code patientId} that permits (or denies) {@code facility} the data
     * {@code category} for a year, as the guide's example; with the signed form attached when a
     * facility records it.
     */
    public static Consent consent(String patientId, Consent.ConsentProvisionType type, String facility, String category,
            boolean signedForm) {
        Consent c = example(Consent.class, "Consent-an-cho-phep-bach-mai.json");
        c.setId((String) null);
        c.setPatient(new Reference("Patient/" + patientId));
        c.getPerformerFirstRep().setReference("Patient/" + patientId).setDisplay(null);
        c.getProvision().setType(type);
        c.getProvision().setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(LocalDate.now().minusDays(1).toString()))
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType(LocalDate.now().plusYears(1).toString())));
        c.getProvision().getActorFirstRep().getReference().setReference(null).setDisplay(null)
                .getIdentifier().setValue(facility);
        c.getProvision().getCodeFirstRep().getCodingFirstRep().setCode(category).setDisplay(null);
        if (signedForm) {
            c.setSource(new Attachment().setContentType("application/pdf").setTitle("Phiếu đồng ý chia sẻ dữ liệu (có chữ ký)")
                    .setData("%PDF-1.4 signed form".getBytes(StandardCharsets.UTF_8)));
        }
        return c;
    }

    /** A request with a bearer token ({@code null}: no token at all). */
    public static io.restassured.specification.RequestSpecification given(String token) {
        var spec = RestAssured.given().contentType("application/fhir+json; charset=UTF-8").accept("application/fhir+json");
        return token == null ? spec.header(RunningServerTestBase.NO_TOKEN, "1") : spec.auth().oauth2(token);
    }

    public static io.restassured.specification.RequestSpecification asAdmin() {
        return given(TestTokens.administrator());
    }

    /** Every entry of every page of a search or {@code $everything} read with {@code token}, as {@code Type/id}. */
    public static java.util.List<String> allPages(String token, String url) {
        java.util.List<String> ids = new java.util.ArrayList<>();
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

    public static String json(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    public static <T extends IBaseResource> T parse(Class<T> type, Response response) {
        return FHIR.newJsonParser().parseResource(type, response.asString());
    }

    @SuppressWarnings("unchecked")
    public static <T extends IBaseResource> T example(Class<T> type, String file) {
        byte[] json = GuideExamples.fromClasspath().valid().get(file);
        IBaseResource r = FHIR.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
        return (T) r;
    }

    private static String idOf(String location) {
        return new org.hl7.fhir.r4.model.IdType(location).getIdPart();
    }
}
