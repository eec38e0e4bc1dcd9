package vn.ehealth.nhr.server.operations.importxml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.ServiceRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;

/**
 * Issue 7: the clinical-document tables of an envelope (XML5 clinical course, XML7 discharge paper,
 * XML8 record summary, XML13 referral) load through {@code $import-xml130} with the episode, land in
 * the citizen's record, reload in place, and the discharge paper shows in {@code Patient/$summary}.
 */
class ImportXml130DocumentsIT extends RunningServerTestBase {

    private static final String MA_LK_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/sid/ma-lk/01001";
    private static final String LICENCE = "000123/HNO-CCHN"; // BS. Lê Văn Cường, Bạch Mai

    @BeforeEach
    void directory() {
        RecordFixtures.ensureDirectory();
    }

    private static Map<String, String> row(String... keyValues) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            r.put(keyValues[i], keyValues[i + 1]);
        }
        return r;
    }

    private static Map<String, String> xml1(String maLk, String stt, String cccd) {
        return row("MA_LK", maLk, "STT", stt, "MA_BN", "BN" + stt, "HO_TEN", "Phạm Quốc Tuấn", "SO_CCCD", cccd,
                "NGAY_SINH", "195807220000", "GIOI_TINH", "1", "MA_QUOCTICH", "000", "MA_DANTOC", "01",
                "DIA_CHI", "Số 8 phố Phúc Xá, phường Phúc Xá, quận Ba Đình, Hà Nội", "MATINH_CU_TRU", "01",
                "MAHUYEN_CU_TRU", "001", "MAXA_CU_TRU", "00001", "MA_THE_BHYT", "HT201" + cccd.substring(2),
                "GT_THE_TU", "20260101", "GT_THE_DEN", "20261231", "CHAN_DOAN_VAO", "Theo dõi đột quỵ não",
                "CHAN_DOAN_RV", "Nhồi máu não bán cầu trái", "MA_BENH_CHINH", "I639", "MA_BENH_KT", "I10",
                "NGAY_VAO", "202610050715", "NGAY_RA", "202610140930", "SO_NGAY_DTRI", "10", "KET_QUA_DTRI", "2",
                "MA_LOAI_RV", "2", "MA_LOAI_KCB", "03", "MA_KHOA", "K02", "MA_CSKCB", "01001", "MA_NOI_DEN", "79001");
    }

    /** A stroke admission with two course notes, the paper, the record summary and a referral; and one with a bad referral. */
    private static byte[] envelope(String a, String b, String cccd, boolean withGuardian) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Xml130Writer.Envelope env = new Xml130Writer.Envelope(bytes, "01001", "20261015", 2)) {
            Map<String, String> hoso = new LinkedHashMap<>();
            hoso.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(xml1(a, "1", cccd))));
            hoso.put("XML5", Xml130Writer.table(Xml130Table.XML5, List.of(
                    row("MA_LK", a, "STT", "1", "DIEN_BIEN_LS", "Nói khó, liệt nửa người phải. HA 170/100 mmHg",
                            "GIAI_DOAN_BENH", "Giai đoạn cấp", "THOI_DIEM_DBLS", "202610050800", "NGUOI_THUC_HIEN", LICENCE),
                    row("MA_LK", a, "STT", "2", "DIEN_BIEN_LS", "Đi lại có người đỡ, HA 130/80 mmHg",
                            "THOI_DIEM_DBLS", "202610140800", "NGUOI_THUC_HIEN", "0108765432"))));
            hoso.put("XML7", Xml130Writer.table(Xml130Table.XML7, List.of(row("MA_LK", a, "NGAY_VAO", "202610050715",
                    "NGAY_RA", "202610140930", "MA_DINH_CHI_THAI", "0", "CHAN_DOAN_RV", "Nhồi máu não bán cầu trái; tăng huyết áp",
                    "PP_DIEUTRI", "Chống kết tập tiểu cầu, statin, phục hồi chức năng", "MA_TTDV", "0108123456",
                    "MA_BS", "0108765432", "TEN_BS", "Nguyễn Thị Thu Hằng", "NGAY_CT", "20261014", "SO_NGAY_NGHI", "30",
                    "NGOAITRU_TUNGAY", "20261015", "NGOAITRU_DENNGAY", "20261113", "MA_CHA", "0109876543",
                    "HO_TEN_CHA", "Phạm Văn Lộc", "HO_TEN_ME", "Nguyễn Thị Sen", "MA_THE_TAM", "TE101" + cccd.substring(2)))));
            hoso.put("XML8", Xml130Writer.table(Xml130Table.XML8, List.of(row("MA_LK", a, "MA_LOAI_KCB", "03",
                    "CHAN_DOAN_VAO", "Theo dõi đột quỵ não", "QT_BENHLY", "Yếu nửa người phải 3 giờ trước vào viện",
                    "TOMTAT_KQ", "MRI: nhồi máu vùng động mạch não giữa trái", "KET_QUA_DTRI", "2", "NGAY_CT", "20261014",
                    "DON_VI", "Hưu trí", "NGUOI_GIAM_HO", withGuardian ? "Phạm Thị Mai" : ""))));
            hoso.put("XML13", Xml130Writer.table(Xml130Table.XML13, List.of(row("MA_LK", a, "GIAY_CHUYEN_TUYEN", "GCT-" + a,
                    "MA_CSKCB", "01001", "MA_NOI_DEN", "79001", "NGAY_RA", "202610140930", "MA_BENH_CHINH", "I639",
                    "CHAN_DOAN_RV", "Nhồi máu não bán cầu trái", "MA_LYDO_CT", "3", "HUONG_DIEU_TRI", "Phục hồi chức năng",
                    "MA_BAC_SI", LICENCE, "MA_TTDV", "0108123456"))));
            env.hoso(hoso);

            Map<String, String> x1b = xml1(b, "2", cccd);
            x1b.put("NGAY_VAO", "202610200800");
            x1b.put("NGAY_RA", "202610221000");
            env.hoso(Map.of("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1b)),
                    "XML13", Xml130Writer.table(Xml130Table.XML13, List.of(row("MA_LK", b, "MA_NOI_DEN", "7900",
                            "MA_BENH_CHINH", "I639")))));
        }
        return bytes.toByteArray();
    }

    private static Parameters post(byte[] body) {
        return parse(Parameters.class, given(TestTokens.bachMaiEmr()).contentType("application/xml")
                .header("Accept-Language", "vi").body(body).post("/$import-xml130").then().statusCode(200).extract().response());
    }

    private static List<String> outcomes(Parameters report) {
        return report.getParameter().stream().filter(p -> "episode".equals(p.getName()))
                .map(e -> e.getPart().stream().filter(p -> "outcome".equals(p.getName()) || "problem".equals(p.getName()))
                        .map(p -> p.getValue().primitiveValue()).collect(Collectors.joining(" | ")))
                .toList();
    }

    private static Bundle everything(String patientId) {
        return parse(Bundle.class, given(TestTokens.bachMaiEmr()).get("/Patient/" + patientId + "/$everything?_count=200")
                .then().statusCode(200).extract().response());
    }

    private static Bundle encounter(String maLk) {
        return parse(Bundle.class, given(TestTokens.bachMaiEmr()).get("/Encounter?identifier=" + MA_LK_SYSTEM + "|" + maLk)
                .then().statusCode(200).extract().response());
    }

    @Test
    void theDocumentTablesLoadIntoTheRecordReloadInPlaceAndThePaperShowsInTheSummary() throws Exception {
        long n = System.nanoTime() % 1_000_000_000L;
        String a = "ITDOCA" + n;
        String b = "ITDOCB" + n;
        String cccd = TestCitizens.cccdOfManBornIn(1958);
        byte[] body = envelope(a, b, cccd, true);

        Parameters report = post(body);
        assertThat(((IntegerType) report.getParameter("loaded").getValue()).getValue()).isEqualTo(1);
        assertThat(outcomes(report)).containsExactly("loaded",
                "refused | XML13 STT 1 MA_NOI_DEN: \"7900\" không phải mã cơ sở KBCB (5 ký tự)");
        assertThat(encounter(b).getEntry()).isEmpty();

        Encounter stay = (Encounter) encounter(a).getEntryFirstRep().getResource();
        String patientId = stay.getSubject().getReferenceElement().getIdPart();
        Bundle record = everything(patientId);
        Map<String, Long> types = record.getEntry().stream().map(e -> e.getResource().fhirType())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(types).containsEntry("ClinicalImpression", 2L).containsEntry("Composition", 2L)
                .containsEntry("ServiceRequest", 1L).containsEntry("Condition", 2L)
                .containsEntry("RelatedPerson", 3L).containsEntry("Coverage", 2L);
        // the papers' people: father, mother, guardian as the facility's RelatedPersons; the employer on the new Patient
        assertThat(relatives(record)).extracting(r -> r.getRelationshipFirstRep().getCodingFirstRep().getCode() + " "
                + r.getNameFirstRep().getText() + " " + r.getActive()).containsExactlyInAnyOrder(
                "FTH Phạm Văn Lộc true", "MTH Nguyễn Thị Sen true", "GUARD Phạm Thị Mai true");
        assertThat(record.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(Patient.class::isInstance)
                .singleElement().satisfies(p -> assertThat(((Patient) p).getContactFirstRep().getOrganization().getDisplay())
                        .isEqualTo("Hưu trí"));
        List<Composition> papers = record.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Composition.class::isInstance).map(Composition.class::cast).toList();
        assertThat(papers).extracting(Composition::getTitle).containsExactlyInAnyOrder("Giấy ra viện", "Tóm tắt hồ sơ bệnh án");
        assertThat(papers).allSatisfy(c -> {
            assertThat(c.getEncounter().getReferenceElement().getIdPart()).isEqualTo(stay.getIdElement().getIdPart());
            assertThat(c.getMeta().getSource()).startsWith("urn:nhr:facility:01001");
        });
        ServiceRequest referral = record.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast).findFirst().orElseThrow();
        assertThat(referral.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("79001");
        assertThat(referral.getRequester().getReference()).startsWith("Practitioner/");
        // the signer of the letter, a Provenance kept inside the request
        assertThat(referral.getRelevantHistoryFirstRep().getReference()).startsWith("#");
        assertThat(referral.getContained()).singleElement().satisfies(c -> assertThat(((Provenance) c).getAgentFirstRep()
                .getWho().getIdentifier().getValue()).isEqualTo("0108123456"));
        assertThat(record.getEntry()).map(Bundle.BundleEntryComponent::getResource).filteredOn(ClinicalImpression.class::isInstance)
                .allSatisfy(r -> assertThat(((ClinicalImpression) r).getSubject().getReferenceElement().getIdPart()).isEqualTo(patientId));

        // the discharge paper is among the recent visits of the citizen's summary
        Bundle summary = parse(Bundle.class, given(TestTokens.bachMaiEmr()).get("/Patient/" + patientId + "/$summary")
                .then().statusCode(200).extract().response());
        Composition.SectionComponent visits = ((Composition) summary.getEntryFirstRep().getResource()).getSection().stream()
                .filter(s -> "Các lần khám chữa bệnh gần đây".equals(s.getTitle())).findFirst().orElseThrow();
        List<String> inVisits = visits.getEntry().stream().map(r -> r.getReference()).toList();
        assertThat(summary.getEntry()).filteredOn(e -> e.getResource() instanceof Composition c && "Giấy ra viện".equals(c.getTitle()))
                .singleElement().satisfies(e -> assertThat(inVisits).anyMatch(r -> e.getFullUrl().endsWith(r)
                        || r.endsWith(e.getResource().getIdElement().toUnqualifiedVersionless().getValue())));

        // loading the same file again updates in place
        assertThat(outcomes(post(body)).get(0)).isEqualTo("updated");
        assertThat(everything(patientId).getEntry()).hasSameSizeAs(record.getEntry());

        // a corrected file that no longer names the guardian: the guardian is no longer active, nothing is added
        assertThat(outcomes(post(envelope(a, b, cccd, false))).get(0)).isEqualTo("updated");
        Bundle corrected = everything(patientId);
        assertThat(corrected.getEntry()).hasSameSizeAs(record.getEntry());
        assertThat(relatives(corrected)).extracting(r -> r.getRelationshipFirstRep().getCodingFirstRep().getCode() + " "
                + r.getActive()).containsExactlyInAnyOrder("FTH true", "MTH true", "GUARD false");
    }

    private static List<RelatedPerson> relatives(Bundle record) {
        return record.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(RelatedPerson.class::isInstance).map(RelatedPerson.class::cast).toList();
    }
}
