package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** XML5 (clinical course), XML7 (discharge paper), XML8 (record summary) and XML13 (referral): where each column lands. */
class Xml130DocumentTablesTest {

    private static final PractitionerDirectory DIRECTORY =
            licence -> "000123/HNO-CCHN".equals(licence) ? Optional.of("bs-le-van-cuong") : Optional.empty();
    private static final String ROW_SYSTEM = "http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2Fsid%2Fxml130-row%2F01001%7C";
    private static List<Xml130Episode> sample;
    private static List<Xml130Episode> broken;
    private final Xml130EpisodeMapper mapper = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), DIRECTORY);

    @BeforeAll
    static void read() throws Exception {
        sample = Xml130TestFiles.read("envelope-documents.xml");
        broken = Xml130TestFiles.read("envelope-documents-broken.xml");
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static Bundle.BundleEntryComponent entryOf(Bundle b, Resource r) {
        return b.getEntry().stream().filter(e -> e.getResource() == r).findFirst().orElseThrow();
    }

    private static String text(Composition.SectionComponent s) {
        return s.getText().getDivAsString();
    }

    private static Composition.SectionComponent section(Composition c, String code) {
        return c.getSection().stream().filter(s -> code.equals(s.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
    }

    private static Composition paper(Bundle tx, String title) {
        return all(tx, Composition.class).stream().filter(c -> title.equals(c.getTitle())).findFirst().orElseThrow();
    }

    @Test
    void xml5NotesBecomeClinicalImpressionsOfTheEpisode() {
        MappedEpisode m = mapper.map(sample.get(0));
        assertThat(m.problems()).isEmpty();
        Bundle tx = m.transaction();
        List<ClinicalImpression> notes = all(tx, ClinicalImpression.class);
        assertThat(notes).hasSize(3);
        ClinicalImpression first = notes.get(0);
        assertThat(entryOf(tx, first).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(entryOf(tx, first).getRequest().getUrl())
                .isEqualTo("ClinicalImpression?identifier=" + ROW_SYSTEM + "BM2610050101%2FXML5%2F1");
        assertThat(first.getSummary()).startsWith("Tỉnh, nói khó, liệt nửa người phải").contains("HA 170/100 mmHg");
        assertThat(first.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-10-05T08:00:00+07:00");
        assertThat(first.getFindingFirstRep().getItemCodeableConcept().getText()).isEqualTo("Giai đoạn cấp");
        assertThat(first.getNote()).extracting(n -> n.getText()).containsExactly(
                "Hội chẩn: Hội chẩn khoa Thần kinh: nhồi máu não cấp ngoài cửa sổ tiêu huyết khối, điều trị nội khoa",
                "Người ghi: 000123/HNO-CCHN; 0108765432");
        assertThat(first.getAssessor().getReference()).isEqualTo("Practitioner/bs-le-van-cuong");
        assertThat(notes.get(1).getNoteFirstRep().getText()).isEqualTo("Phẫu thuật, thủ thuật: Đặt ống thông dạ dày nuôi ăn");
        assertThat(first.getEncounter().getReference()).isEqualTo(entryOf(tx, all(tx, org.hl7.fhir.r4.model.Encounter.class).get(0)).getFullUrl());
        // a writer known only by social-insurance number is a logical reference
        assertThat(notes.get(2).getAssessor().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
        assertThat(notes.get(2).getAssessor().getIdentifier().getValue()).isEqualTo("0108765432");
    }

    @Test
    void xml7IsTheDischargePaperCitingTheEpisodesDiagnoses() {
        Bundle tx = mapper.map(sample.get(0)).transaction();
        Composition c = paper(tx, "Giấy ra viện");
        assertThat(entryOf(tx, c).getRequest().getUrl()).isEqualTo("Composition?identifier=" + ROW_SYSTEM + "BM2610050101%2FXML7%2F1");
        assertThat(c.getType().getCodingFirstRep().getCode()).isEqualTo("18842-5");
        assertThat(c.getDateElement().getValueAsString()).isEqualTo("2026-10-14");
        assertThat(c.getCustodian().getIdentifier().getValue()).isEqualTo("01001");
        assertThat(c.getAttester()).extracting(a -> a.getMode().toCode() + " " + a.getParty().getIdentifier().getValue())
                .containsExactly("legal 0108123456", "professional 0108765432");
        assertThat(c.getAuthorFirstRep().getDisplay()).isEqualTo("Nguyễn Thị Thu Hằng");
        assertThat(c.getAuthor().get(1).getIdentifier().getValue()).isEqualTo("01001");

        Composition.SectionComponent diagnosis = section(c, "11535-2");
        assertThat(text(diagnosis)).contains("Nhồi máu não bán cầu trái; tăng huyết áp; rối loạn lipid máu")
                .contains("Bệnh chính: I63.9 Nhồi máu não, không đặc hiệu").contains("Bệnh kèm theo: E78.5");
        List<String> conditions = all(tx, Condition.class).stream().map(x -> entryOf(tx, x).getFullUrl()).toList();
        assertThat(diagnosis.getEntry()).extracting(r -> r.getReference()).containsExactlyElementsOf(conditions).hasSize(3);
        assertThat(text(section(c, "8648-8"))).contains("Chống kết tập tiểu cầu, statin");
        assertThat(text(section(c, "treatment-result"))).contains("Kết quả điều trị: Đỡ").contains("Loại ra viện: Ra viện");
        assertThat(text(section(c, "sick-leave"))).contains("Số ngày nghỉ: 30").contains("Từ ngày 15/10/2026 đến ngày 13/11/2026")
                .contains("Ghi chú: Nghỉ ngoại trú theo chỉ định");
        assertThat(c.getSection()).noneMatch(s -> "pregnancy-termination".equals(s.getCode().getCodingFirstRep().getCode()));
    }

    @Test
    void aTerminatedPregnancyIsASectionOfTheDischargePaper() {
        Xml130Episode source = broken.get(1);
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        Map<String, String> x7 = new HashMap<>(source.rows(Xml130Table.XML7).get(0).columns());
        x7.put("TUOI_THAI", "10");
        e.add(Xml130Table.XML7, List.of(new Xml130Row(Xml130Table.XML7, 1, x7)));

        MappedEpisode m = mapper.map(e);
        assertThat(m.problems()).isEmpty();
        Composition c = all(m.transaction(), Composition.class).get(0);
        assertThat(text(section(c, "pregnancy-termination"))).contains("Nguyên nhân: Thai lưu")
                .contains("Thời điểm: 14:00 06/10/2026").contains("Tuổi thai: 10 tuần");
        // no doctor named: the facility signs and stamps the paper
        assertThat(c.getAttesterFirstRep().getParty().getIdentifier().getValue()).isEqualTo("0108123456");
        assertThat(c.getAuthor()).singleElement().satisfies(a -> assertThat(a.getIdentifier().getValue()).isEqualTo("01001"));
    }

    @Test
    void xml8IsTheRecordSummaryWithAdmissionDiagnosisCourseAndResults() {
        Bundle tx = mapper.map(sample.get(0)).transaction();
        Composition c = paper(tx, "Tóm tắt hồ sơ bệnh án");
        assertThat(entryOf(tx, c).getRequest().getUrl()).isEqualTo("Composition?identifier=" + ROW_SYSTEM + "BM2610050101%2FXML8%2F1");
        assertThat(text(section(c, "42347-5"))).contains("Theo dõi đột quỵ não");
        assertThat(text(section(c, "8648-8"))).contains("Quá trình bệnh lý và diễn biến lâm sàng: Vào viện sau 3 giờ")
                .contains("Phương pháp điều trị: Điều trị nội khoa: aspirin");
        assertThat(text(section(c, "30954-2"))).contains("LDL-C 4,2 mmol/L");
        assertThat(text(section(c, "treatment-result"))).contains("Kết quả điều trị: Đỡ");
        assertThat(section(c, "11535-2").getEntry()).hasSize(3);
        assertThat(c.getAttesterFirstRep().getParty().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
    }

    @Test
    void aChildWhoDiedAfterBirthIsASectionOfTheRecordSummary() {
        Xml130Episode source = broken.get(1);
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        Map<String, String> x8 = new HashMap<>(Map.of("MA_LK", source.maLk(), "QT_BENHLY", "Chuyển dạ đẻ non 30 tuần",
                "NGAY_SINHCON", "20261006", "NGAY_CONCHET", "20261007", "SO_CONCHET", "1", "NGAY_CT", "20261007"));
        e.add(Xml130Table.XML8, List.of(new Xml130Row(Xml130Table.XML8, 1, x8)));

        Composition c = all(mapper.map(e).transaction(), Composition.class).get(0);
        assertThat(text(section(c, "newborn-death"))).contains("Ngày sinh con: 06/10/2026").contains("Ngày con chết: 07/10/2026")
                .contains("Số con chết: 1");

        x8.put("NGAY_CONCHET", "20261005");
        Xml130Episode wrong = new Xml130Episode("t.xml", "HOSO 1", "01001");
        wrong.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        wrong.add(Xml130Table.XML8, List.of(new Xml130Row(Xml130Table.XML8, 1, x8)));
        assertThat(mapper.map(wrong).describe(MessageLanguage.ENGLISH))
                .containsExactly("XML8 STT 1 NGAY_CONCHET: day of death 20261005 is before the day of birth 20261006");
    }

    @Test
    void xml13IsAReferralToTheDestinationFacility() {
        MappedEpisode m = mapper.map(sample.get(1));
        assertThat(m.problems()).isEmpty();
        Bundle tx = m.transaction();
        ServiceRequest s = all(tx, ServiceRequest.class).get(0);
        assertThat(entryOf(tx, s).getRequest().getUrl())
                .isEqualTo("ServiceRequest?identifier=" + ROW_SYSTEM + "BM2610090102%2FXML13%2FGCT-01001-2026-0412");
        assertThat(s.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("3457005");
        assertThat(s.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
        assertThat(s.getPerformerFirstRep().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.FACILITY_CODE);
        assertThat(s.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("79001");
        assertThat(s.getRequester().getReference()).isEqualTo("Practitioner/bs-le-van-cuong");
        assertThat(s.getAuthoredOnElement().getValueAsString()).isEqualTo("2026-10-11T16:00:00+07:00");
        assertThat(s.getReasonCode()).extracting(r -> r.getCodingFirstRep().getCode() + "|" + r.getText()).containsExactly(
                "K80.0|Sỏi túi mật có viêm túi mật cấp", "I10|null",
                "null|Lý do chuyển tuyến: Chuyển tuyến theo yêu cầu của người bệnh hoặc người đại diện hợp pháp");
        assertThat(s.getIdentifier()).extracting(i -> i.getValue()).contains("CT-2026-0412", "0412", "GCT-01001-2026-0412");
        assertThat(s.getInsuranceFirstRep().getReference()).isEqualTo(entryOf(tx, all(tx, Coverage.class).get(0)).getFullUrl());
        assertThat(s.getNote()).extracting(n -> n.getText()).contains("Dấu hiệu lâm sàng: Đau hạ sườn phải giảm, hết sốt, bụng mềm",
                "Hướng điều trị: Phẫu thuật nội soi cắt túi mật", "Phương tiện vận chuyển: Xe cứu thương",
                "Người hộ tống: Đỗ Minh Quân", "Thuốc đã sử dụng: Ceftriaxon; Metronidazol; Paracetamol");
    }

    @Test
    void aBadValueInANewTableNamesTableRowAndColumnAndRefusesTheEpisode() {
        List<List<String>> problems = broken.stream().map(e -> mapper.map(e).describe(MessageLanguage.ENGLISH)).toList();

        assertThat(problems.get(0)).containsExactly("XML5 STT 2 THOI_DIEM_DBLS: \"20261008\" is not a yyyyMMddHHmm time (12 digits)");
        assertThat(problems.get(1)).containsExactly("XML7 STT 1 TUOI_THAI: missing (required when MA_DINH_CHI_THAI = 1)");
        assertThat(problems.get(2)).containsExactly("XML8 STT 1 KET_QUA_DTRI: code 9 is not a treatment result (1-8)");
        assertThat(problems.get(3)).containsExactly("XML13 STT 1 MA_NOI_DEN: \"7900\" is not a facility code (5 characters)");
        assertThat(mapper.map(broken.get(3)).describe(MessageLanguage.VIETNAMESE))
                .containsExactly("XML13 STT 1 MA_NOI_DEN: \"7900\" không phải mã cơ sở KBCB (5 ký tự)");
        assertThat(broken).allSatisfy(e -> assertThat(mapper.map(e).transaction()).isNull());
    }

    @Test
    void aClinicalNoteOutsideTheStayIsRefused() {
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, sample.get(0).rows(Xml130Table.XML1));
        Map<String, String> x5 = new HashMap<>(sample.get(0).rows(Xml130Table.XML5).get(0).columns());
        x5.put("THOI_DIEM_DBLS", "202610150800");
        e.add(Xml130Table.XML5, List.of(new Xml130Row(Xml130Table.XML5, 1, x5)));

        assertThat(mapper.map(e).describe(MessageLanguage.VIETNAMESE)).containsExactly(
                "XML5 STT 1 THOI_DIEM_DBLS: thời điểm 202610150800 nằm ngoài đợt điều trị (sau NGAY_RA của XML1)");
    }

    @Test
    void theNewResourcesConformToTheGuide() {
        GuideValidator validator = GuideValidator.forShippedGuide(FhirContext.forR4Cached());
        for (Xml130Episode e : sample) {
            for (Bundle.BundleEntryComponent entry : mapper.map(e).transaction().getEntry()) {
                GuideValidation v = validator.validate(entry.getResource());
                assertThat(v.errors()).as(e.label() + " " + entry.getResource().fhirType() + ": " + v.errors().stream()
                        .map(f -> f.location() + " " + f.message(MessageLanguage.ENGLISH)).toList()).isEmpty();
            }
        }
    }
}
