package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.time.LocalDateTime;
import java.util.List;

/**
 * XML5 (diễn biến lâm sàng) → one {@code ClinicalImpression} per note: the clinician's assessment
 * at a moment of the stay, which is what a clinical-course entry is. DIEN_BIEN_LS the summary,
 * THOI_DIEM_DBLS the time (inside the episode), GIAI_DOAN_BENH a finding (the stage), HOI_CHAN and
 * PHAU_THUAT notes, NGUOI_THUC_HIEN the assessor (the first writer; the others named in a note).
 */
final class Xml5ClinicalCourseMapper {

    private Xml5ClinicalCourseMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        ClinicalImpression c = new ClinicalImpression();
        c.getMeta().addProfile(NhrProfiles.CLINICAL_IMPRESSION);
        Identifier id = m.rowIdentifier(Xml130Table.XML5, row.stt());
        c.addIdentifier(id);
        c.setStatus(ClinicalImpression.ClinicalImpressionStatus.COMPLETED);
        c.getCode().setText("Diễn biến lâm sàng");
        c.setSubject(m.patient.copy());
        c.setEncounter(m.encounter.copy());
        String course = m.required(row, "DIEN_BIEN_LS");
        c.setSummary(course);
        LocalDateTime at = m.localTime(row, "THOI_DIEM_DBLS", true);
        if (at != null) {
            withinEpisode(m, row, at);
            c.setEffective(Xml130Values.dateTime(at));
            c.setDateElement(Xml130Values.dateTime(at));
        }
        if (row.has("GIAI_DOAN_BENH")) {
            c.addFinding().setBasis("Giai đoạn bệnh").getItemCodeableConcept().setText(row.get("GIAI_DOAN_BENH"));
        }
        if (row.has("HOI_CHAN")) {
            c.addNote().setText("Hội chẩn: " + row.get("HOI_CHAN"));
        }
        if (row.has("PHAU_THUAT")) {
            c.addNote().setText("Phẫu thuật, thủ thuật: " + row.get("PHAU_THUAT"));
        }
        Reference assessor = EpisodeResources.staff(m, row, "NGUOI_THUC_HIEN", null);
        if (assessor != null) {
            c.setAssessor(assessor);
        }
        List<String> writers = Xml130Values.list(row.get("NGUOI_THUC_HIEN"));
        if (writers.size() > 1) {
            c.addNote().setText("Người ghi: " + String.join("; ", writers));
        }
        if (m.problems.size() == before) {
            m.putByIdentifier(c, id, "XML5 STT " + row.stt());
        }
    }

    /** A note of this stay is written between admission and discharge (XML1's NGAY_VAO/NGAY_RA). */
    private static void withinEpisode(EpisodeMapping m, Xml130Row row, LocalDateTime at) {
        Encounter e = EpisodeResources.encounter(m);
        var instant = at.atZone(Xml130Values.VIETNAM).toInstant();
        boolean early = e.getPeriod().hasStart() && instant.isBefore(e.getPeriod().getStart().toInstant());
        boolean late = e.getPeriod().hasEnd() && instant.isAfter(e.getPeriod().getEnd().toInstant());
        if (early || late) {
            m.problem(row, "THOI_DIEM_DBLS", "thời điểm " + row.get("THOI_DIEM_DBLS") + " nằm ngoài đợt điều trị ("
                    + (early ? "trước NGAY_VAO của XML1)" : "sau NGAY_RA của XML1)"),
                    "time " + row.get("THOI_DIEM_DBLS") + " is outside the episode ("
                            + (early ? "before XML1's NGAY_VAO)" : "after XML1's NGAY_RA)"));
        }
    }
}
