package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * XML8 (tóm tắt hồ sơ bệnh án) → the record summary, a {@code Composition} of the discharge-summary
 * profile titled "Tóm tắt hồ sơ bệnh án" ({@link DischargePaper} for the shared part): CHAN_DOAN_VAO
 * the admission diagnosis, CHAN_DOAN_RV the discharge diagnosis, QT_BENHLY and PP_DIEUTRI the
 * course, TOMTAT_KQ the results, KET_QUA_DTRI the treatment result, a child who died after birth
 * (NGAY_SINHCON, NGAY_CONCHET, SO_CONCHET) a section. MA_LOAI_KCB, NGAY_VAO and NGAY_RA repeat XML1
 * and are checked, not copied. The parents, guardian, employer and temporary card are
 * {@link EpisodeRelations}.
 */
final class Xml8RecordSummaryMapper {

    private Xml8RecordSummaryMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        Identifier id = m.rowIdentifier(Xml130Table.XML8, row.stt());
        Composition c = DischargePaper.start(m, row, id, "Tóm tắt hồ sơ bệnh án");
        c.addAuthor(EpisodeResources.facility(m.facility));
        String type = row.get("MA_LOAI_KCB");
        if (type != null && m.catalogues.encounterType(type.length() == 1 ? "0" + type : type).isEmpty()) {
            m.problem(row, "MA_LOAI_KCB", "mã " + type + " không có trong danh mục hình thức KCB (01–05, 07–09)",
                    "code " + type + " is not an encounter type (01-05, 07-09)");
        }
        if (row.has("CHAN_DOAN_VAO")) {
            DischargePaper.section(c, DischargePaper.LOINC, "42347-5", "Admission diagnosis (narrative)",
                    "Chẩn đoán vào viện", List.of(row.get("CHAN_DOAN_VAO")));
        }
        DischargePaper.dischargeDiagnosis(m, row, c);
        List<String> course = DischargePaper.labelled(row, "QT_BENHLY", "Quá trình bệnh lý và diễn biến lâm sàng",
                "PP_DIEUTRI", "Phương pháp điều trị");
        if (course.isEmpty()) {
            m.problem(row, "QT_BENHLY", "thiếu cả QT_BENHLY và PP_DIEUTRI: tóm tắt hồ sơ cần quá trình điều trị",
                    "both QT_BENHLY and PP_DIEUTRI are missing: the summary needs the course of treatment");
        } else {
            DischargePaper.section(c, DischargePaper.LOINC, "8648-8", "Hospital course Narrative",
                    "Tóm tắt quá trình điều trị", course);
        }
        if (row.has("TOMTAT_KQ")) {
            DischargePaper.section(c, DischargePaper.LOINC, "30954-2", "Relevant diagnostic tests/laboratory data Narrative",
                    "Tóm tắt kết quả cận lâm sàng", List.of(row.get("TOMTAT_KQ")));
        }
        DischargePaper.treatmentResult(m, row, c);
        newbornDeath(m, row, c);
        EpisodeRelations.map(m, row);
        if (m.problems.size() == before) {
            m.putByIdentifier(c, id, "XML8 STT " + row.stt());
        }
    }

    private static void newbornDeath(EpisodeMapping m, Xml130Row row, Composition c) {
        LocalDate born = EpisodeResources.day(m, row, "NGAY_SINHCON");
        LocalDate died = EpisodeResources.day(m, row, "NGAY_CONCHET");
        Integer count = EpisodeResources.whole(m, row, "SO_CONCHET", 1, 20);
        if (born != null && died != null && died.isBefore(born)) {
            m.problem(row, "NGAY_CONCHET", "ngày con chết " + row.get("NGAY_CONCHET") + " trước ngày sinh con "
                    + row.get("NGAY_SINHCON"), "day of death " + row.get("NGAY_CONCHET") + " is before the day of birth "
                    + row.get("NGAY_SINHCON"));
        }
        List<String> text = new ArrayList<>();
        if (born != null) {
            text.add("Ngày sinh con: " + EpisodeResources.vietnamese(born));
        }
        if (died != null) {
            text.add("Ngày con chết: " + EpisodeResources.vietnamese(died));
        }
        if (count != null) {
            text.add("Số con chết: " + count);
        }
        if (!text.isEmpty()) {
            DischargePaper.section(c, DischargePaper.SECTION_SYSTEM, "newborn-death", "Con chết sau khi sinh",
                    "Con chết sau khi sinh", text);
        }
    }
}
