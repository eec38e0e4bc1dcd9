package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The part XML7 (giấy ra viện) and XML8 (tóm tắt hồ sơ bệnh án) share: a {@code Composition} of the
 * guide's discharge-summary profile (LOINC 18842-5) for the episode, with the facility as custodian
 * and author, NGAY_CT the date, MA_TTDV the legal attester, the XML1 diagnoses as the discharge
 * diagnosis section and XML1's treatment result. Inside an episode transaction it is a plain
 * Composition entry (document Bundles are refused there, ADR 0008).
 */
final class DischargePaper {

    static final String LOINC = "http://loinc.org";
    private static final String TREATMENT_RESULT = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-treatment-result";
    static final String SECTION_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-discharge-section";

    private DischargePaper() {
    }

    /** A new paper for the row; a problem when the episode has no diagnosis to cite. */
    static Composition start(EpisodeMapping m, Xml130Row row, Identifier id, String title) {
        Composition c = new Composition();
        c.getMeta().addProfile(NhrProfiles.DISCHARGE_SUMMARY);
        c.setIdentifier(id);
        c.setStatus(Composition.CompositionStatus.FINAL);
        c.setType(new CodeableConcept(new Coding(LOINC, "18842-5", "Discharge summary")));
        c.setTitle(title);
        c.setSubject(m.patient.copy());
        c.setEncounter(m.encounter.copy());
        c.setCustodian(EpisodeResources.facility(m.facility));
        EpisodeResources.episodeTimes(m, row);
        LocalDate issued = EpisodeResources.day(m, row, "NGAY_CT");
        Encounter e = EpisodeResources.encounter(m);
        DateTimeType date = issued != null ? EpisodeResources.dayOf(issued)
                : e.getPeriod().hasEnd() ? e.getPeriod().getEndElement().copy() : e.getPeriod().getStartElement().copy();
        c.setDateElement(date);
        Reference head = EpisodeResources.staff(m, row, "MA_TTDV", null);
        // signed by the head of the facility (or their delegate) and stamped by the facility
        c.addAttester().setMode(Composition.CompositionAttestationMode.LEGAL).setTimeElement(date.copy())
                .setParty(head != null ? head : EpisodeResources.facility(m.facility));
        return c;
    }

    /** The discharge diagnosis: CHAN_DOAN_RV (else the codes' names) citing XML1's Conditions. */
    static void dischargeDiagnosis(EpisodeMapping m, Xml130Row row, Composition c) {
        Encounter e = EpisodeResources.encounter(m);
        List<Reference> conditions = e.getDiagnosis().stream().map(d -> d.getCondition().copy()).toList();
        if (conditions.isEmpty()) {
            m.problem(row, "CHAN_DOAN_RV", "giấy cần chẩn đoán ra viện mã hóa nhưng XML1 không có MA_BENH_CHINH",
                    "the paper needs a coded discharge diagnosis but XML1 has no MA_BENH_CHINH");
            return;
        }
        List<String> text = new ArrayList<>();
        if (row.has("CHAN_DOAN_RV")) {
            text.add(row.get("CHAN_DOAN_RV"));
        }
        for (int i = 0; i < m.diagnoses.size(); i++) {
            Coding code = m.diagnoses.get(i).getCodingFirstRep();
            text.add((i == 0 ? "Bệnh chính: " : "Bệnh kèm theo: ") + code.getCode() + " " + code.getDisplay());
        }
        section(c, LOINC, "11535-2", "Hospital discharge Dx Narrative", "Chẩn đoán ra viện", text).setEntry(new ArrayList<>(conditions));
    }

    /** The treatment result: KET_QUA_DTRI of {@code row} when it has one, else XML1's, with the discharge type. */
    static void treatmentResult(EpisodeMapping m, Xml130Row row, Composition c) {
        Encounter e = EpisodeResources.encounter(m);
        String result = null;
        if (row.has("KET_QUA_DTRI")) {
            String code = row.get("KET_QUA_DTRI");
            result = m.catalogues.treatmentResult(code).map(Xml130Catalogues.Concept::display).orElse(null);
            if (result == null) {
                m.problem(row, "KET_QUA_DTRI", "mã " + code + " không phải kết quả điều trị (1–8)",
                        "code " + code + " is not a treatment result (1-8)");
            }
        }
        if (result == null) {
            Type coded = e.getExtensionByUrl(TREATMENT_RESULT) == null ? null : e.getExtensionByUrl(TREATMENT_RESULT).getValue();
            result = coded instanceof CodeableConcept cc ? cc.getCodingFirstRep().getDisplay() : null;
        }
        String discharge = e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getDisplay();
        List<String> text = new ArrayList<>();
        text.add("Kết quả điều trị: " + Objects.requireNonNullElse(result, "chưa xác định"));
        if (discharge != null) {
            text.add("Loại ra viện: " + discharge);
        }
        section(c, SECTION_SYSTEM, "treatment-result", "Kết quả điều trị", "Kết quả điều trị", text);
    }

    static Composition.SectionComponent section(Composition c, String system, String code, String display, String title,
            List<String> paragraphs) {
        Composition.SectionComponent s = c.addSection().setTitle(title)
                .setCode(new CodeableConcept(new Coding(system, code, display)));
        s.setText(EpisodeResources.narrative(paragraphs));
        return s;
    }

    /** The non-empty columns of {@code row}, each as "label: value". */
    static List<String> labelled(Xml130Row row, String... columnsAndLabels) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columnsAndLabels.length; i += 2) {
            if (row.has(columnsAndLabels[i])) {
                out.add(columnsAndLabels[i + 1] == null ? row.get(columnsAndLabels[i])
                        : columnsAndLabels[i + 1] + ": " + row.get(columnsAndLabels[i]));
            }
        }
        return out;
    }
}
