package vn.ehealth.nhr.server.operations.importxml130;

import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.loaders.xml130.Xml130Table;
import vn.ehealth.nhr.loaders.xml130.Xml130Writer;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 7: a facility loads its QĐ 130/4750 envelope through {@code $import-xml130}; each episode is
 * one transaction under the guide's validation and the write rules, a refused episode stores nothing
 * and the others load, and loading again updates in place.
 */
class ImportXml130IT extends RunningServerTestBase {

    private static final String MA_LK_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001";
    private static final String LICENCE = "000123/HNO-CCHN"; // BS. Lê Văn Cường, Bạch Mai (the guide's example)

    @BeforeEach
    void directory() {
        RecordFixtures.ensureDirectory();
    }

    private static Map<String, String> xml1(String maLk, String stt, String cccd, String name, String birth, String sex,
            String type, String in, String out, String principal, String secondary) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("MA_LK", maLk);
        r.put("STT", stt);
        r.put("MA_BN", "BN" + stt);
        r.put("HO_TEN", name);
        r.put("SO_CCCD", cccd);
        r.put("NGAY_SINH", birth);
        r.put("GIOI_TINH", sex);
        r.put("MA_QUOCTICH", "000");
        r.put("MA_DANTOC", "01");
        r.put("DIA_CHI", "Số 12 phố Phúc Xá, phường Phúc Xá, quận Ba Đình, Hà Nội");
        r.put("MATINH_CU_TRU", "01");
        r.put("MAHUYEN_CU_TRU", "001");
        r.put("MAXA_CU_TRU", "00001");
        r.put("MA_THE_BHYT", "GD401" + cccd.substring(2));
        r.put("GT_THE_TU", "20260101");
        r.put("GT_THE_DEN", "20261231");
        r.put("LY_DO_VV", "Sốt, ho khạc đờm");
        r.put("CHAN_DOAN_RV", "Viêm phổi thùy dưới phổi phải");
        r.put("MA_BENH_CHINH", principal);
        r.put("MA_BENH_KT", secondary);
        r.put("NGAY_VAO", in);
        r.put("NGAY_RA", out);
        r.put("SO_NGAY_DTRI", "8");
        r.put("KET_QUA_DTRI", "1");
        r.put("MA_LOAI_RV", "1");
        r.put("T_TONGCHI_BV", "5320000");
        r.put("MA_LOAI_KCB", type);
        r.put("MA_KHOA", "K03");
        r.put("MA_CSKCB", "01001");
        return r;
    }

    private static Map<String, String> drug(String maLk, String stt, String name, String registration) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("MA_LK", maLk);
        r.put("STT", stt);
        r.put("MA_THUOC", "40.152");
        r.put("TEN_THUOC", name);
        r.put("DON_VI_TINH", "Viên");
        r.put("HAM_LUONG", "500mg");
        r.put("DUONG_DUNG", "1.01");
        r.put("LIEU_DUNG", "1 viên/lần, 2 lần/ngày");
        r.put("CACH_DUNG", "Uống sau ăn");
        r.put("SO_DANG_KY", registration);
        r.put("SO_LUONG", "14");
        r.put("DON_GIA", "8500");
        r.put("MA_BAC_SI", LICENCE);
        r.put("NGAY_YL", "202610120900");
        return r;
    }

    private static Map<String, String> row(String... keyValues) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            r.put(keyValues[i], keyValues[i + 1]);
        }
        return r;
    }

    /** Four HOSO: a full inpatient stay, an outpatient visit, one the server refuses, one the mapping refuses. */
    private static byte[] envelope(String a, String b, String c, String d, String cccdA, String cccdB) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Xml130Writer.Envelope env = new Xml130Writer.Envelope(bytes, "01001", "20261020", 4)) {
            Map<String, String> hosoA = new LinkedHashMap<>();
            hosoA.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(xml1(a, "1", cccdA, "Trịnh Văn Khải", "196803150000", "1",
                    "03", "202610120830", "202610190900", "J189", "I10;E119"))));
            hosoA.put("XML2", Xml130Writer.table(Xml130Table.XML2, List.of(drug(a, "1", "Amoxicilin", "VD-21458-14"),
                    drug(a, "2", "Amlodipin", "VD-24781-16"))));
            hosoA.put("XML3", Xml130Writer.table(Xml130Table.XML3, List.of(
                    row("MA_LK", a, "STT", "1", "MA_DICH_VU", "02.0085.1778", "MA_NHOM", "3", "TEN_DICH_VU", "Điện tim thường",
                            "MA_BENH", "J189;I10", "NGAY_YL", "202610120900", "NGAY_TH_YL", "202610120930", "DON_GIA_BV", "45000"),
                    row("MA_LK", a, "STT", "2", "MA_VAT_TU", "N03.01.070", "MA_NHOM", "10", "TEN_VAT_TU", "Bơm kim tiêm 5ml",
                            "NGAY_YL", "202610120900"))));
            hosoA.put("XML4", Xml130Writer.table(Xml130Table.XML4, List.of(
                    row("MA_LK", a, "STT", "1", "MA_DICH_VU", "22.0120.1370", "MA_CHI_SO", "WBC", "TEN_CHI_SO", "Số lượng bạch cầu",
                            "GIA_TRI", "14,2", "DON_VI_DO", "G/L", "NGAY_KQ", "202610121100"),
                    row("MA_LK", a, "STT", "2", "MA_DICH_VU", "18.0119.0028", "TEN_CHI_SO", "Chụp X-quang ngực thẳng",
                            "MO_TA", "Đám mờ thùy dưới phổi phải", "KET_LUAN", "Viêm phổi thùy dưới phải", "NGAY_KQ", "202610121000"))));
            hosoA.put("XML14", Xml130Writer.table(Xml130Table.XML14, List.of(row("MA_LK", a, "SO_GIAYHEN_KL", "GH-" + a,
                    "MA_CSKCB", "01001", "NGAY_HEN_KL", "202610260800", "MA_BENH_CHINH", "J189", "MA_BAC_SI", LICENCE))));
            env.hoso(hosoA);

            Map<String, String> x1b = xml1(b, "2", cccdB, "Lý Thị Thu", "199007020000", "2", "01", "202610150800", "202610151030",
                    "K297", null);
            x1b.remove("MA_BENH_KT");
            env.hoso(Map.of("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1b)),
                    "XML2", Xml130Writer.table(Xml130Table.XML2, List.of(drug(b, "1", "Omeprazol", "VD-30393-18")))));

            // same citizen as the first HOSO, another birth day: the server's one-citizen rule refuses it
            Map<String, String> x1c = xml1(c, "3", cccdA, "Trịnh Văn Khải", "196803160000", "1", "01", "202610170800",
                    "202610170930", "I10", null);
            x1c.remove("MA_BENH_KT");
            env.hoso(Map.of("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1c)),
                    "XML2", Xml130Writer.table(Xml130Table.XML2, List.of(drug(c, "1", "Amlodipin", "VD-24781-16")))));

            Map<String, String> x1d = xml1(d, "4", TestCitizens.cccdOfManBornIn(1975), "Đỗ Văn Bình", "197501010000", "1", "01",
                    "202610200800", "202610190700", "I10", null);
            x1d.remove("MA_BENH_KT");
            env.hoso(Map.of("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1d))));
        }
        return bytes.toByteArray();
    }

    private static Response post(String token, byte[] body, String language) {
        return given(token).contentType("application/xml").header("Accept-Language", language).body(body).post("/$import-xml130");
    }

    private static List<Parameters.ParametersParameterComponent> episodes(Parameters report) {
        return report.getParameter().stream().filter(p -> "episode".equals(p.getName())).toList();
    }

    private static String part(Parameters.ParametersParameterComponent episode, String name) {
        return episode.getPart().stream().filter(p -> name.equals(p.getName()))
                .map(p -> p.getValue() instanceof org.hl7.fhir.r4.model.Reference r ? r.getReference() : p.getValue().primitiveValue())
                .collect(Collectors.joining(" | "));
    }

    private static int count(Parameters report, String name) {
        return ((org.hl7.fhir.r4.model.IntegerType) report.getParameter(name).getValue()).getValue();
    }

    private static Bundle searchEncounter(String maLk) {
        return parse(Bundle.class, given(TestTokens.bachMaiEmr()).get("/Encounter?identifier=" + MA_LK_SYSTEM + "|" + maLk)
                .then().statusCode(200).extract().response());
    }

    @Test
    void anEnvelopeLoadsEpisodeByEpisodeABrokenOneStoresNothingAndLoadingAgainUpdatesInPlace() throws Exception {
        long n = System.nanoTime() % 1_000_000_000L;
        String a = "ITA" + n;
        String b = "ITB" + n;
        String c = "ITC" + n;
        String d = "ITD" + n;
        String cccdA = TestCitizens.cccdOfManBornIn(1968);
        String cccdB = TestCitizens.cccdOfWomanBornIn(1990);
        byte[] body = envelope(a, b, c, d, cccdA, cccdB);

        Parameters report = parse(Parameters.class, post(TestTokens.bachMaiEmr(), body, "vi").then().statusCode(200).extract().response());

        assertThat(count(report, "loaded")).isEqualTo(2);
        assertThat(count(report, "refused")).isEqualTo(2);
        List<Parameters.ParametersParameterComponent> episodes = episodes(report);
        assertThat(episodes).extracting(e -> part(e, "maLk") + "=" + part(e, "outcome"))
                .containsExactly(a + "=loaded", b + "=loaded", c + "=refused", d + "=refused");
        assertThat(part(episodes.get(2), "problem")).startsWith("XML1 STT 3: ").contains("ngày sinh");
        assertThat(part(episodes.get(3), "problem"))
                .isEqualTo("XML1 STT 4 NGAY_RA: thời điểm ra 202610190700 trước thời điểm vào 202610200800");

        // the refused episodes left nothing behind, not even the part before the failing entry
        assertThat(searchEncounter(c).getEntry()).isEmpty();
        assertThat(searchEncounter(d).getEntry()).isEmpty();

        // the first episode is in the citizen's record (with the directory's prescriber), every resource written by
        // Bạch Mai and validated on the way in
        Bundle encounters = searchEncounter(a);
        assertThat(encounters.getEntry()).hasSize(1);
        String encounterId = encounters.getEntryFirstRep().getResource().getIdElement().getIdPart();
        assertThat(part(episodes.get(0), "encounter")).isEqualTo("Encounter/" + encounterId);
        String patientId = ((org.hl7.fhir.r4.model.Encounter) encounters.getEntryFirstRep().getResource()).getSubject()
                .getReferenceElement().getIdPart();
        Bundle everything = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/Patient/" + patientId + "/$everything?_count=100").then().statusCode(200).extract().response());
        Map<String, Long> types = everything.getEntry().stream().map(e -> e.getResource().fhirType())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(types).containsEntry("Patient", 1L).containsEntry("Encounter", 1L).containsEntry("Condition", 3L)
                .containsEntry("MedicationRequest", 2L).containsEntry("Procedure", 1L).containsEntry("Observation", 2L)
                .containsEntry("Appointment", 1L).containsEntry("Coverage", 1L);
        everything.getEntry().stream().map(e -> (Resource) e.getResource()).filter(r -> !List.of("Patient", "Practitioner", "Organization").contains(r.fhirType()))
                .forEach(r -> assertThat(r.getMeta().getSource()).as(r.fhirType()).startsWith("urn:nhr:facility:01001"));
        org.hl7.fhir.r4.model.Patient patient = (org.hl7.fhir.r4.model.Patient) everything.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof org.hl7.fhir.r4.model.Patient)
                .findFirst().orElseThrow();
        assertThat(patient.getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo(cccdA));
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1968-03-15");

        // the same file again: the two episodes are updated, nothing is duplicated
        Parameters again = parse(Parameters.class, post(TestTokens.bachMaiEmr(), body, "en").then().statusCode(200).extract().response());
        assertThat(episodes(again)).extracting(e -> part(e, "outcome")).containsExactly("updated", "updated", "refused", "refused");
        assertThat(part(episodes(again).get(3), "problem"))
                .isEqualTo("XML1 STT 4 NGAY_RA: discharge time 202610190700 is before admission time 202610200800");
        Bundle everythingAgain = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/Patient/" + patientId + "/$everything?_count=100").then().statusCode(200).extract().response());
        assertThat(everythingAgain.getEntry()).hasSameSizeAs(everything.getEntry());
    }

    /** One HOSO: XML1 with secondary diagnoses, the XML2 lines and XML4 results given; SOLUONGHOSO as {@code declared}. */
    private static byte[] oneEpisode(String maLk, String cccd, String secondary, List<Map<String, String>> drugs,
            List<Map<String, String>> results, int declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Xml130Writer.Envelope env = new Xml130Writer.Envelope(bytes, "01001", "20261020", declared)) {
            Map<String, String> hoso = new LinkedHashMap<>();
            hoso.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(xml1(maLk, "1", cccd, "Phan Văn Lộc", "197204110000", "1",
                    "03", "202610120830", "202610190900", "J189", secondary))));
            hoso.put("XML2", Xml130Writer.table(Xml130Table.XML2, drugs));
            hoso.put("XML4", Xml130Writer.table(Xml130Table.XML4, results));
            env.hoso(hoso);
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> result(String maLk, String stt, String name, String value) {
        return row("MA_LK", maLk, "STT", stt, "MA_DICH_VU", "22.0120.1370", "TEN_CHI_SO", name, "GIA_TRI", value,
                "DON_VI_DO", "G/L", "NGAY_KQ", "202610121100");
    }

    private static Bundle everything(String patientId) {
        return parse(Bundle.class, given(TestTokens.bachMaiEmr()).get("/Patient/" + patientId + "/$everything?_count=100")
                .then().statusCode(200).extract().response());
    }

    private static List<Resource> ofType(Bundle bundle, String type) {
        return bundle.getEntry().stream().map(e -> (Resource) e.getResource()).filter(r -> type.equals(r.fhirType())).toList();
    }

    private static String status(Resource r) {
        return String.valueOf(r instanceof org.hl7.fhir.r4.model.Condition c ? c.getVerificationStatus().getCodingFirstRep().getCode()
                : r.getNamedProperty("status").getValues().get(0).primitiveValue());
    }

    @Test
    void aCorrectedFileLoadedAgainMarksTheResourcesOfTheRowsItNoLongerHasEnteredInError() throws Exception {
        String maLk = "ITR" + System.nanoTime() % 1_000_000_000L;
        String cccd = TestCitizens.cccdOfManBornIn(1972);
        byte[] first = oneEpisode(maLk, cccd, "I10;E119",
                List.of(drug(maLk, "1", "Amoxicilin", "VD-21458-14"), drug(maLk, "2", "Amlodipin", "VD-24781-16")),
                List.of(result(maLk, "1", "Số lượng bạch cầu", "14,2"), result(maLk, "2", "Số lượng tiểu cầu", "250")), 1);
        Parameters loaded = parse(Parameters.class, post(TestTokens.bachMaiEmr(), first, "en").then().statusCode(200).extract().response());
        assertThat(episodes(loaded)).extracting(e -> part(e, "outcome")).containsExactly("loaded");
        String encounterId = searchEncounter(maLk).getEntryFirstRep().getResource().getIdElement().getIdPart();
        String patientId = ((org.hl7.fhir.r4.model.Encounter) searchEncounter(maLk).getEntryFirstRep().getResource()).getSubject()
                .getReferenceElement().getIdPart();
        Bundle before = everything(patientId);
        assertThat(ofType(before, "MedicationRequest")).hasSize(2);
        assertThat(ofType(before, "Observation")).hasSize(2);
        assertThat(ofType(before, "Condition")).hasSize(3);

        // the hospital corrects its file: drug line 2, result 2 and the secondary diagnosis E119 are gone;
        // its SOLUONGHOSO wrongly says 2
        byte[] corrected = oneEpisode(maLk, cccd, "I10", List.of(drug(maLk, "1", "Amoxicilin", "VD-21458-14")),
                List.of(result(maLk, "1", "Số lượng bạch cầu", "14,2")), 2);
        Parameters again = parse(Parameters.class, post(TestTokens.bachMaiEmr(), corrected, "en").then().statusCode(200).extract().response());

        assertThat(episodes(again)).singleElement().satisfies(e -> {
            assertThat(part(e, "outcome")).isEqualTo("updated");
            assertThat(part(e, "removedRows")).isEqualTo("3");
        });
        assertThat(again.getParameter().stream().filter(p -> "note".equals(p.getName())).map(p -> p.getValue().primitiveValue()))
                .contains("SOLUONGHOSO: says 2 records but the file holds 1 HOSO; the HOSO in the file were processed all the same");
        // nothing duplicated, the same resources; those of the removed rows are withdrawn, the others untouched
        Bundle after = everything(patientId);
        assertThat(after.getEntry()).hasSameSizeAs(before.getEntry());
        Map<String, String> statuses = after.getEntry().stream().map(e -> (Resource) e.getResource())
                .filter(r -> List.of("MedicationRequest", "Observation", "Condition").contains(r.fhirType()))
                .collect(Collectors.toMap(r -> r.fhirType() + " " + (r instanceof org.hl7.fhir.r4.model.Condition c
                        ? c.getCode().getCodingFirstRep().getCode() : r instanceof org.hl7.fhir.r4.model.MedicationRequest m
                        ? m.getMedicationCodeableConcept().getText() : ((org.hl7.fhir.r4.model.Observation) r).getCode().getText()),
                        ImportXml130IT::status));
        assertThat(statuses).containsEntry("MedicationRequest Amlodipin", "entered-in-error")
                .containsEntry("Observation Số lượng tiểu cầu", "entered-in-error")
                .containsEntry("MedicationRequest Amoxicilin", "completed")
                .containsEntry("Observation Số lượng bạch cầu", "final")
                .hasSize(7);
        assertThat(statuses.entrySet()).filteredOn(e -> e.getKey().startsWith("Condition E11")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("entered-in-error"));
        // a search for the episode's current prescriptions no longer finds the withdrawn line
        Bundle current = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/MedicationRequest?encounter=" + encounterId + "&status:not=entered-in-error").then().statusCode(200)
                .extract().response());
        assertThat(current.getEntry()).singleElement().satisfies(e -> assertThat(
                ((org.hl7.fhir.r4.model.MedicationRequest) e.getResource()).getMedicationCodeableConcept().getText()).isEqualTo("Amoxicilin"));

        // the same corrected file once more: nothing left to withdraw
        Parameters third = parse(Parameters.class, post(TestTokens.bachMaiEmr(), corrected, "en").then().statusCode(200).extract().response());
        assertThat(episodes(third)).singleElement().satisfies(e -> {
            assertThat(part(e, "outcome")).isEqualTo("updated");
            assertThat(part(e, "removedRows")).isEmpty();
        });
    }

    @Test
    void onlyTheFacilityOfTheDataMayLoadIt() throws Exception {
        long n = System.nanoTime() % 1_000_000_000L;
        byte[] body = envelope("ITE" + n, "ITF" + n, "ITG" + n, "ITH" + n, TestCitizens.cccdOfManBornIn(1968),
                TestCitizens.cccdOfWomanBornIn(1990));

        OperationOutcome other = parse(OperationOutcome.class, post(TestTokens.choRayEmr(), body, "en").then().statusCode(403)
                .extract().response());
        assertThat(other.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-xml130-other-facility");
        assertThat(other.getIssueFirstRep().getDiagnostics()).contains("MACSKCB is 01001").contains("79001");
        assertThat(searchEncounter("ITE" + n).getEntry()).isEmpty();

        OperationOutcome citizen = parse(OperationOutcome.class, post(TestTokens.citizenAn(), body, "vi").then().statusCode(403)
                .extract().response());
        assertThat(citizen.getIssueFirstRep().getDetails().getCodingFirstRep().getCode()).isEqualTo("nhr-xml130-facility-only");
    }

    @Test
    void aBodyThatIsNotXml130IsABadRequest() {
        OperationOutcome oo = parse(OperationOutcome.class, post(TestTokens.bachMaiEmr(),
                "không phải XML".getBytes(StandardCharsets.UTF_8), "en").then().statusCode(400).extract().response());
        assertThat(oo.getIssueFirstRep().getDiagnostics()).contains("not well-formed XML");
    }

    @Test
    void theOperationIsDescribedByItsOperationDefinition() {
        given(TestTokens.bachMaiEmr()).get("/OperationDefinition/-s-import-xml130").then().statusCode(200);
    }
}
