package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * XML7 (giấy ra viện) → the discharge paper, a {@code Composition} of the discharge-summary profile
 * titled "Giấy ra viện" ({@link DischargePaper} for what it shares with XML8): CHAN_DOAN_RV the
 * discharge diagnosis, PP_DIEUTRI the course of treatment, MA_BS/TEN_BS the head of department as
 * author and professional attester, the pregnancy termination (MA_DINH_CHI_THAI = 1: cause, time and
 * gestational age are then required) and the sick leave (SO_NGAY_NGHI, NGOAITRU_TUNGAY/DENNGAY,
 * GHI_CHU) as sections. Identity columns that repeat XML1 are checked, not copied; the parents and
 * the temporary insurance card are {@link EpisodeRelations}.
 */
final class Xml7DischargePaperMapper {

    private Xml7DischargePaperMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        Identifier id = m.rowIdentifier(Xml130Table.XML7, row.stt());
        Composition c = DischargePaper.start(m, row, id, "Giấy ra viện");
        Reference doctor = EpisodeResources.staff(m, row, "MA_BS", row.get("TEN_BS"));
        if (doctor == null && row.has("TEN_BS")) {
            doctor = new Reference().setType("Practitioner").setDisplay(row.get("TEN_BS"));
        }
        if (doctor != null) {
            c.addAuthor(doctor);
            c.addAttester().setMode(Composition.CompositionAttestationMode.PROFESSIONAL).setParty(doctor.copy())
                    .setTimeElement(c.getDateElement().copy());
        }
        c.addAuthor(EpisodeResources.facility(m.facility));

        DischargePaper.dischargeDiagnosis(m, row, c);
        String treatment = m.required(row, "PP_DIEUTRI");
        if (treatment != null) {
            DischargePaper.section(c, DischargePaper.LOINC, "8648-8", "Hospital course Narrative",
                    "Phương pháp điều trị", List.of(treatment));
        }
        DischargePaper.treatmentResult(m, row, c);
        pregnancyTermination(m, row, c);
        sickLeave(m, row, c);
        EpisodeRelations.map(m, row);
        if (m.problems.size() == before) {
            m.putByIdentifier(c, id, "XML7 STT " + row.stt());
        }
    }

    private static void pregnancyTermination(EpisodeMapping m, Xml130Row row, Composition c) {
        String flag = row.get("MA_DINH_CHI_THAI");
        if (flag == null || "0".equals(flag)) {
            return;
        }
        if (!"1".equals(flag)) {
            m.problem(row, "MA_DINH_CHI_THAI", "\"" + flag + "\" không phải 0 (không) hay 1 (có đình chỉ thai nghén)",
                    "\"" + flag + "\" is neither 0 (no) nor 1 (termination of pregnancy)");
            return;
        }
        String cause = row.get("NGUYENNHAN_DINHCHI");
        Integer weeks = EpisodeResources.whole(m, row, "TUOI_THAI", 1, 42);
        LocalDateTime when = m.localTime(row, "THOIGIAN_DINHCHI", false);
        for (String column : new String[] {"NGUYENNHAN_DINHCHI", "THOIGIAN_DINHCHI", "TUOI_THAI"}) {
            if (!row.has(column)) {
                m.problem(row, column, "thiếu (bắt buộc khi MA_DINH_CHI_THAI = 1)", "missing (required when MA_DINH_CHI_THAI = 1)");
            }
        }
        if (cause == null || weeks == null || when == null) {
            return;
        }
        DischargePaper.section(c, DischargePaper.SECTION_SYSTEM, "pregnancy-termination", "Đình chỉ thai nghén",
                "Đình chỉ thai nghén", List.of("Nguyên nhân: " + cause,
                        "Thời điểm: " + EpisodeResources.vietnamese(when), "Tuổi thai: " + weeks + " tuần"));
    }

    private static void sickLeave(EpisodeMapping m, Xml130Row row, Composition c) {
        Integer days = EpisodeResources.whole(m, row, "SO_NGAY_NGHI", 0, 99);
        LocalDate from = EpisodeResources.day(m, row, "NGOAITRU_TUNGAY");
        LocalDate to = EpisodeResources.day(m, row, "NGOAITRU_DENNGAY");
        if (from != null && to != null && to.isBefore(from)) {
            m.problem(row, "NGOAITRU_DENNGAY", "ngày " + row.get("NGOAITRU_DENNGAY") + " trước NGOAITRU_TUNGAY "
                    + row.get("NGOAITRU_TUNGAY"), "day " + row.get("NGOAITRU_DENNGAY") + " is before NGOAITRU_TUNGAY "
                    + row.get("NGOAITRU_TUNGAY"));
        }
        List<String> text = new ArrayList<>();
        if (days != null) {
            text.add("Số ngày nghỉ: " + days);
        }
        if (from != null || to != null) {
            text.add("Từ ngày " + (from == null ? "…" : EpisodeResources.vietnamese(from)) + " đến ngày "
                    + (to == null ? "…" : EpisodeResources.vietnamese(to)));
        }
        text.addAll(DischargePaper.labelled(row, "GHI_CHU", "Ghi chú"));
        if (!text.isEmpty()) {
            DischargePaper.section(c, DischargePaper.SECTION_SYSTEM, "sick-leave", "Số ngày nghỉ ngoại trú sau ra viện",
                    "Số ngày nghỉ ngoại trú sau ra viện", text);
        }
    }
}
