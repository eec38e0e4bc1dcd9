package vn.ehealth.nhr.server.document;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.anPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.asAdmin;
import static vn.ehealth.nhr.server.support.RecordFixtures.consent;
import static vn.ehealth.nhr.server.support.RecordFixtures.ensureDirectory;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.json;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 6, item 4, over HTTP with real tokens: a facility sends a discharge document; it is stored
 * once, with its entries searchable and the citizen matched by CCCD; a document that references
 * what it does not contain stores nothing; {@code $document} rebuilds it and {@code $render} prints
 * it, under the consent rules.
 */
class DischargeDocumentIT extends RunningServerTestBase {

    private static final String DISCHARGE_SUMMARY = "http://loinc.org|18842-5";

    /** The guide's example, for the citizen with {@code cccd}, with its own document, paper and visit identifiers. */
    private static Bundle document(String cccd) {
        byte[] bytes = GuideExamples.fromClasspath().valid().get("Bundle-an-giay-ra-vien-2026.json");
        Bundle d = FHIR.newJsonParser().parseResource(Bundle.class, new String(bytes, StandardCharsets.UTF_8));
        d.setId((String) null);
        d.getIdentifier().setValue("urn:uuid:" + UUID.randomUUID());
        composition(d).getIdentifier().setValue("urn:uuid:" + UUID.randomUUID());
        patient(d).getIdentifier().stream().filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()))
                .forEach(i -> i.setValue(cccd));
        ((Encounter) d.getEntry().get(2).getResource()).getIdentifierFirstRep().setValue("BM" + System.nanoTime());
        return d;
    }

    private static Composition composition(Bundle d) {
        return (Composition) d.getEntry().get(0).getResource();
    }

    private static Patient patient(Bundle d) {
        return (Patient) d.getEntry().get(1).getResource();
    }

    private static String identifierQuery(Bundle d) {
        return d.getIdentifier().getSystem() + "|" + d.getIdentifier().getValue();
    }

    private static Response send(String token, Bundle d) {
        return given(token).body(json(d)).post("/Bundle");
    }

    private static List<Resource> search(String token, String query) {
        Response r = given(token).get(query);
        r.then().statusCode(200);
        return parse(Bundle.class, r).getEntry().stream()
                .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME).map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static String patientIdOf(String cccd) {
        List<Resource> found = search(TestTokens.administrator(), "/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd);
        assertThat(found).hasSize(1);
        return found.get(0).getIdElement().getIdPart();
    }

    private static String compositionOf(String token, String patientId) {
        List<Resource> found = search(token, "/Composition?patient=Patient/" + patientId + "&type=" + DISCHARGE_SUMMARY);
        assertThat(found).hasSize(1);
        return found.get(0).getIdElement().getIdPart();
    }

    /** The stored paper of this document, found by its Composition.identifier (the test DB is shared). */
    private static String compositionOf(String token, Bundle d) {
        Composition c = composition(d);
        List<Resource> found = search(token, "/Composition?identifier=" + c.getIdentifier().getSystem() + "|" + c.getIdentifier().getValue());
        assertThat(found).hasSize(1);
        return found.get(0).getIdElement().getIdPart();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> issues(Response r) {
        return (List<Map<String, Object>>) (List<?>) r.jsonPath().getList("issue");
    }

    private static String ruleOf(Map<String, Object> issue) {
        Map<?, ?> details = (Map<?, ?>) issue.get("details");
        List<?> coding = details == null ? null : (List<?>) details.get("coding");
        return coding == null || coding.isEmpty() ? null : (String) ((Map<?, ?>) coding.get(0)).get("code");
    }

    @Test
    void theDocumentAndItsEntriesAreStoredSearchableWithTheCitizenMatchedByCccd() {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985);
        Bundle d = document(cccd);
        // the citizen is already on file (another visit): the document must land on that record
        Patient onFile = patient(d).copy();
        onFile.setId((String) null);
        String patientId = new IdType(given(TestTokens.bachMaiEmr()).body(json(onFile)).post("/Patient")
                .then().statusCode(201).extract().header("Location")).getIdPart();

        Response stored = send(TestTokens.bachMaiEmr(), d);

        assertThat(stored.statusCode()).as(stored.asString()).isEqualTo(201);
        assertThat(stored.header("Location")).contains("/Bundle/");
        assertThat(patientIdOf(cccd)).as("one Patient per citizen").isEqualTo(patientId);
        String bach = TestTokens.bachMaiEmr();
        List<Resource> conditions = search(bach, "/Condition?patient=Patient/" + patientId);
        assertThat(conditions).extracting(c -> ((Condition) c).getCode().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("J18.9", "I10");
        assertThat(conditions).allSatisfy(c -> assertThat(c.getMeta().getSource()).startsWith("urn:nhr:facility:01001"));
        assertThat(search(bach, "/Encounter?patient=Patient/" + patientId)).hasSize(1);
        assertThat(search(bach, "/MedicationRequest?patient=Patient/" + patientId)).hasSize(1);
        String compositionId = compositionOf(bach, patientId);
        Composition composition = (Composition) search(bach, "/Composition?_id=" + compositionId).get(0);
        assertThat(composition.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(composition.getMeta().getSource()).startsWith("urn:nhr:facility:01001");
        List<Resource> bundles = search(bach, "/Bundle?identifier=" + identifierQuery(d));
        assertThat(bundles).singleElement().satisfies(b -> {
            assertThat(((Bundle) b).getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
            assertThat(b.getMeta().getSource()).startsWith("urn:nhr:facility:01001");
            assertThat(((Bundle) b).getEntry()).hasSameSizeAs(d.getEntry());
        });
    }

    @Test
    void theSameDocumentSentTwiceIsStoredOnceAndAnotherUnderItsIdentifierIsRefused() {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985);
        Bundle d = document(cccd);

        Response first = send(TestTokens.bachMaiEmr(), d);
        Response again = send(TestTokens.bachMaiEmr(), d);

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(new IdType(again.header("Location")).getIdPart()).isEqualTo(new IdType(first.header("Location")).getIdPart());
        assertThat(parse(Bundle.class, again).getIdentifier().getValue()).isEqualTo(d.getIdentifier().getValue());
        String patientId = patientIdOf(cccd);
        assertThat(search(TestTokens.bachMaiEmr(), "/Composition?patient=Patient/" + patientId)).hasSize(1);
        assertThat(search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId)).hasSize(2);
        assertThat(search(TestTokens.bachMaiEmr(), "/Bundle?identifier=" + identifierQuery(d))).hasSize(1);

        Bundle changed = d.copy();
        ((Condition) changed.getEntry().get(3).getResource()).getCode().setText("Viêm phổi thùy giữa phổi phải");
        Response conflict = given(TestTokens.bachMaiEmr()).header("Accept-Language", "en").body(json(changed)).post("/Bundle");
        assertThat(conflict.statusCode()).as(conflict.asString()).isEqualTo(409);
        assertThat(issues(conflict)).anySatisfy(issue -> {
            assertThat(ruleOf(issue)).isEqualTo("nhr-doc-identifier-conflict");
            assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString()
                    .contains(d.getIdentifier().getValue()).contains("new document");
        });
        // another facility learns nothing of the stored document, not even its id
        Response other = send(TestTokens.choRayEmr(), d);
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(409);
        assertThat(other.asString()).doesNotContain(new IdType(first.header("Location")).getIdPart() + ")")
                .doesNotContain("Viêm phổi");
        assertThat(search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId)).hasSize(2);

        // the corrected paper is a new document: new Bundle.identifier, same Composition.identifier, amended
        Bundle corrected = changed.copy();
        corrected.getIdentifier().setValue("urn:uuid:" + UUID.randomUUID());
        composition(corrected).setStatus(Composition.CompositionStatus.AMENDED);
        Response correctedSent = send(TestTokens.bachMaiEmr(), corrected);
        assertThat(correctedSent.statusCode()).as(correctedSent.asString()).isEqualTo(201);
        Composition paper = composition(d);
        assertThat(search(TestTokens.bachMaiEmr(), "/Composition?identifier=" + paper.getIdentifier().getSystem() + "|"
                + paper.getIdentifier().getValue() + "&_sort=-date")).hasSize(2)
                .extracting(c -> ((Composition) c).getStatus())
                .containsExactlyInAnyOrder(Composition.CompositionStatus.FINAL, Composition.CompositionStatus.AMENDED);
        assertThat(search(TestTokens.bachMaiEmr(), "/Bundle?identifier=" + identifierQuery(d))).hasSize(1);
        // both papers of the stay name the one visit on file (matched by its MA_LK), not a visit each
        List<Resource> visits = search(TestTokens.bachMaiEmr(), "/Encounter?patient=Patient/" + patientId);
        assertThat(visits).hasSize(1);
        assertThat(search(TestTokens.bachMaiEmr(), "/Composition?patient=Patient/" + patientId))
                .extracting(c -> ((Composition) c).getEncounter().getReference())
                .containsOnly("Encounter/" + visits.get(0).getIdElement().getIdPart());

        // the correction replaces the first paper's diagnoses and medicine in the record: marked entered-in-error
        List<Resource> diagnoses = search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId);
        assertThat(diagnoses).hasSize(4);
        assertThat(diagnoses).filteredOn(c -> enteredInError((Condition) c)).hasSize(2)
                .allSatisfy(c -> assertThat(((Condition) c).hasClinicalStatus()).isFalse())
                .extracting(c -> ((Condition) c).getCode().getText()).doesNotContain("Viêm phổi thùy giữa phổi phải");
        assertThat(search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId + "&verification-status:not=entered-in-error"))
                .hasSize(2).extracting(c -> ((Condition) c).getCode().getText()).contains("Viêm phổi thùy giữa phổi phải");
        assertThat(search(TestTokens.bachMaiEmr(), "/MedicationRequest?patient=Patient/" + patientId))
                .extracting(m -> ((MedicationRequest) m).getStatus())
                .containsExactlyInAnyOrder(MedicationRequest.MedicationRequestStatus.ACTIVE, MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
        // sent again, the first paper changes nothing: it is the earlier version, its entries stay retired
        send(TestTokens.bachMaiEmr(), d).then().statusCode(200);
        assertThat(search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId + "&verification-status:not=entered-in-error"))
                .hasSize(2);
    }

    private static boolean enteredInError(Condition c) {
        return c.getVerificationStatus().getCoding().stream().anyMatch(x -> "entered-in-error".equals(x.getCode()));
    }

    @Test
    void papersOfDifferentCitizensSentAtTheSameMomentAreAllStored() throws Exception {
        // several EMR clients discharging patients at once (the population benchmark's ingest found 500s here)
        ensureDirectory();
        String token = TestTokens.bachMaiEmr();
        List<Bundle> papers = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            papers.add(document(TestCitizens.cccdOfManBornIn(1985)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new java.util.ArrayList<>();
        try {
            for (Bundle paper : papers) {
                answers.add(senders.submit(() -> {
                    go.await();
                    return send(token, paper);
                }));
            }
            go.countDown();
            for (Future<Response> answer : answers) {
                Response r = answer.get(3, TimeUnit.MINUTES);
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void theSameDocumentSentTwiceAtOnceIsStillStoredOnce() throws Exception {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985); // the example's birth year
        Bundle d = document(cccd);
        String token = TestTokens.bachMaiEmr();
        // a vendor's retry racing its first attempt: both pass the "already stored?" check together
        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<Response> sendWhenReady = () -> {
            go.await();
            return send(token, d);
        };
        try {
            Future<Response> a = two.submit(sendWhenReady);
            Future<Response> b = two.submit(sendWhenReady);
            go.countDown();
            List<Integer> statuses = List.of(a.get(2, TimeUnit.MINUTES).statusCode(), b.get(2, TimeUnit.MINUTES).statusCode());
            assertThat(statuses).as(a.get().asString() + b.get().asString()).containsExactlyInAnyOrder(201, 200);
            assertThat(new IdType(a.get().header("Location")).getIdPart()).isEqualTo(new IdType(b.get().header("Location")).getIdPart());
        } finally {
            two.shutdownNow();
        }
        String patientId = patientIdOf(cccd);
        assertThat(search(TestTokens.bachMaiEmr(), "/Bundle?identifier=" + identifierQuery(d))).hasSize(1);
        assertThat(search(TestTokens.bachMaiEmr(), "/Composition?patient=Patient/" + patientId)).hasSize(1);
        assertThat(search(TestTokens.bachMaiEmr(), "/Condition?patient=Patient/" + patientId)).hasSize(2);
    }

    @Test
    void aDocumentReferencingWhatItDoesNotContainIsRefusedAndNothingIsStored() {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985);
        Bundle d = document(cccd);
        composition(d).getEncounter().setReference("Encounter/khong-co-trong-tai-lieu");

        Response refused = send(TestTokens.bachMaiEmr(), d);

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
        assertThat(issues(refused)).anySatisfy(issue -> {
            assertThat(ruleOf(issue)).isEqualTo("nhr-doc-references-resolve");
            assertThat(String.valueOf(issue.get("expression"))).isEqualTo("[Bundle.entry[0].resource.encounter]");
            assertThat(((Map<?, ?>) issue.get("details")).get("text")).asString()
                    .contains("Encounter/khong-co-trong-tai-lieu").contains("entry 0");
        });
        assertThat(refused.asString()).doesNotContain("Exception");
        assertNothingStored(d, cccd);
    }

    @Test
    void aDocumentRefusedAfterItsEntriesWereWrittenLeavesNothingEither() {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985);
        Bundle d = document(cccd);
        d.getEntry().add(d.getEntry().remove(0)); // the Composition last: nhr-doc-composition-first, judged on the document

        Response refused = send(TestTokens.bachMaiEmr(), d);

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(issues(refused)).anySatisfy(issue -> assertThat(ruleOf(issue)).isEqualTo("nhr-doc-composition-first"));
        assertNothingStored(d, cccd);
    }

    private static void assertNothingStored(Bundle d, String cccd) {
        String admin = TestTokens.administrator();
        assertThat(search(admin, "/Patient?identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd)).isEmpty();
        assertThat(search(admin, "/Bundle?identifier=" + identifierQuery(d))).isEmpty();
        Composition c = d.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Composition.class::isInstance).map(Composition.class::cast).findFirst().orElseThrow();
        assertThat(search(admin, "/Composition?identifier=" + c.getIdentifier().getSystem() + "|" + c.getIdentifier().getValue())).isEmpty();
        Encounter e = (Encounter) d.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).findFirst().orElseThrow();
        assertThat(search(admin, "/Encounter?identifier=" + e.getIdentifierFirstRep().getSystem() + "|" + e.getIdentifierFirstRep().getValue())).isEmpty();
        assertThat(search(admin, "/Condition?subject:Patient.identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd)).isEmpty();
        assertThat(search(admin, "/MedicationRequest?subject:Patient.identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|" + cccd)).isEmpty();
    }

    @Test
    void documentRebuildsTheDocumentAsSentUnderTheConsentRules() {
        ensureDirectory();
        String cccd = TestCitizens.cccdOfManBornIn(1985);
        Bundle d = document(cccd);
        send(TestTokens.bachMaiEmr(), d).then().statusCode(201);
        String patientId = patientIdOf(cccd);
        String compositionId = compositionOf(TestTokens.bachMaiEmr(), d);

        Response rebuilt = given(TestTokens.bachMaiEmr()).get("/Composition/" + compositionId + "/$document");

        assertThat(rebuilt.statusCode()).as(rebuilt.asString()).isEqualTo(200);
        Bundle doc = parse(Bundle.class, rebuilt);
        assertThat(doc.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(doc.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(compositionId);
        for (int i : new int[] {0, 2, 3, 4, 5}) { // the paper, the visit, the diagnoses, the medicine: as sent
            Resource sent = d.getEntry().get(i).getResource();
            List<Resource> back = doc.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r.fhirType().equals(sent.fhirType())).toList();
            assertThat(back).as(sent.fhirType()).anySatisfy(r ->
                    assertThat(content(r).equalsDeep(content(sent))).as("%s equals what was sent", sent.fhirType()).isTrue());
        }
        assertThat(doc.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Patient", "Organization", "Practitioner");
        assertThat(doc.getEntry().stream().filter(e -> e.getResource() instanceof Patient))
                .singleElement().satisfies(e -> assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(patientId));

        // Chợ Rẫy has no consent: neither the document nor its content
        given(TestTokens.choRayEmr()).get("/Composition/" + compositionId + "/$document").then().statusCode(403);
        given(TestTokens.choRayEmr()).get("/Composition/" + compositionId + "/$render").then().statusCode(403);
        given(TestTokens.choRayEmr()).get("/Bundle?identifier=" + identifierQuery(d)).then().statusCode(200);
        assertThat(search(TestTokens.choRayEmr(), "/Bundle?identifier=" + identifierQuery(d))).isEmpty();
        assertThat(search(TestTokens.choRayEmr(), "/Condition?patient=Patient/" + patientId)).isEmpty();

        // once the citizen's signed consent is on file, Chợ Rẫy reads it
        given(TestTokens.bachMaiEmr()).body(json(consent(patientId, Consent.ConsentProvisionType.PERMIT, CHO_RAY, "all", true)))
                .post("/Consent").then().statusCode(201);
        Response shared = given(TestTokens.choRayEmr()).get("/Composition/" + compositionId + "/$document");
        assertThat(shared.statusCode()).as(shared.asString()).isEqualTo(200);
        assertThat(shared.asString()).contains("J18.9");
    }

    /** The resource without server-assigned parts (id, meta) and without the targets of its references, which the server renames. */
    private static Resource content(Resource r) {
        Resource copy = r.copy();
        copy.setIdElement(null);
        copy.setMeta(null);
        List<Reference> refs = FHIR.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class);
        for (Reference ref : refs) {
            ref.setReference(null);
            ref.setIdentifier(null);
        }
        return copy;
    }

    @Test
    void thePaperPrintsInVietnamEscapedForTheFacilityAndTheCitizenButNotForOthers() {
        ensureDirectory();
        Bundle d = document("001085012345"); // Nguyễn Văn An, on file as Patient/nguyen-van-an
        ((Condition) d.getEntry().get(4).getResource()).getCode().setText("<script>alert('x')</script> tăng huyết áp & theo dõi")
                .getCodingFirstRep().setDisplay(null); // the paper names it from the ICD-10 catalogue
        send(TestTokens.bachMaiEmr(), d).then().statusCode(201);
        String compositionId = compositionOf(TestTokens.bachMaiEmr(), d);
        assertThat(search(TestTokens.bachMaiEmr(), "/Composition?_id=" + compositionId).get(0))
                .satisfies(c -> assertThat(((Composition) c).getSubject().getReference()).isEqualTo("Patient/" + anPatientId()));

        // the citizen sees their whole paper
        Response citizen = given(TestTokens.citizenAn()).accept("text/html").get("/Composition/" + compositionId + "/$render");
        assertThat(citizen.statusCode()).as(citizen.asString()).isEqualTo(200);
        assertThat(citizen.contentType()).startsWith("text/html");
        assertThat(citizen.asString()).contains("GIẤY RA VIỆN", "Bệnh viện Bạch Mai", "Nguyễn Văn An", "12/04/1985",
                "001085012345", "01/10/2026", "08/10/2026", "J18.9", "Viêm phổi, không đặc hiệu", "I10",
                "Tóm tắt quá trình điều trị", "Amlodipin", "Kết quả điều trị", "Khỏi", "Lời dặn và hẹn tái khám")
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(", ")&lt;/script&gt; tăng huyết áp &amp; theo dõi")
                .contains("<td>I10</td><td>Bệnh lý tăng huyết áp</td>");
        // Bạch Mai sees what it wrote; An's Patient record was written by someone else and An has not
        // shared it with Bạch Mai: the paper prints without the personal details
        Response facility = given(TestTokens.bachMaiEmr()).accept("text/html").get("/Composition/" + compositionId + "/$render");
        assertThat(facility.statusCode()).as(facility.asString()).isEqualTo(200);
        assertThat(facility.asString()).contains("GIẤY RA VIỆN", "J18.9", "Amlodipin", "Thông tin người bệnh không hiển thị")
                .doesNotContain("001085012345").doesNotContain("<script>");
        Response own = given(TestTokens.citizenAn()).get("/Composition/" + compositionId + "/$document");
        assertThat(own.statusCode()).as(own.asString()).isEqualTo(200);
        given(TestTokens.citizenBich()).get("/Composition/" + compositionId + "/$render").then().statusCode(403);
        given(TestTokens.citizenBich()).get("/Composition/" + compositionId + "/$document").then().statusCode(403);
        // HAPI describes both operations
        asAdmin().get("/OperationDefinition/Composition-i-render").then().statusCode(200);
        asAdmin().get("/OperationDefinition/Composition-i-document").then().statusCode(200);
    }
}
