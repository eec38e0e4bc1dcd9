package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;

import java.math.BigDecimal;

/**
 * XML4 (chi tiết cận lâm sàng) → one {@code Observation} per result: TEN_CHI_SO (MA_CHI_SO) the
 * code text, MA_DICH_VU the technical service it came from, GIA_TRI with DON_VI_DO the value (a
 * quantity when numeric), KET_LUAN the conclusion when there is no value, MO_TA a note, NGAY_KQ the
 * time, MA_BS_DOC_KQ the performers (the Practitioner on file for a known licence, else a logical
 * reference by social-insurance number). A row without any result yet (the result comes later) is
 * recorded as {@code registered}.
 */
final class Xml4ResultMapper {

    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private Xml4ResultMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        Observation o = new Observation();
        Identifier id = m.rowIdentifier(Xml130Table.XML4, row.stt());
        o.addIdentifier(id);
        String value = row.get("GIA_TRI");
        String conclusion = row.get("KET_LUAN");
        boolean hasResult = value != null || conclusion != null || row.has("MO_TA");
        o.setStatus(hasResult ? Observation.ObservationStatus.FINAL : Observation.ObservationStatus.REGISTERED);
        o.addCategory(new CodeableConcept(value != null
                ? new Coding(CATEGORY, "laboratory", "Laboratory")
                : new Coding(CATEGORY, "imaging", "Imaging")));
        String name = row.get("TEN_CHI_SO");
        String indicator = row.get("MA_CHI_SO");
        String service = row.get("MA_DICH_VU");
        CodeableConcept code = new CodeableConcept();
        if (service != null) {
            code.addCoding(new Coding(Xml3ServiceLineMapper.TECHNICAL_SERVICE_SYSTEM, service,
                    m.catalogues.technicalService(service).map(Xml130Catalogues.Concept::display).orElse(null)));
        }
        String text = name != null ? name : m.catalogues.technicalService(String.valueOf(service))
                .map(Xml130Catalogues.Concept::display).orElse(null);
        if (text == null && indicator == null) {
            m.problem(row, "TEN_CHI_SO", "thiếu cả TEN_CHI_SO và MA_CHI_SO: không biết kết quả của chỉ số nào",
                    "both TEN_CHI_SO and MA_CHI_SO are missing: the result names no indicator");
        }
        code.setText(text == null ? indicator : indicator == null ? text : text + " (" + indicator + ")");
        o.setCode(code);
        o.setSubject(m.patient.copy());
        o.setEncounter(m.encounter.copy());
        DateTimeType when = m.time(row, "NGAY_KQ", false);
        if (when != null) {
            o.setEffective(when);
        }
        if (value != null) {
            BigDecimal number = Xml130Values.number(value);
            if (number != null) {
                o.setValue(new Quantity().setValue(number).setUnit(row.get("DON_VI_DO")));
            } else {
                o.setValue(new StringType(row.has("DON_VI_DO") ? value + " " + row.get("DON_VI_DO") : value));
            }
        } else if (conclusion != null) {
            o.setValue(new StringType(conclusion));
        }
        if (value != null && conclusion != null) {
            o.addInterpretation().setText(conclusion);
        }
        if (row.has("MO_TA")) {
            o.addNote().setText(row.get("MO_TA"));
        }
        // who read or approved the result, by health identifier (social-insurance number) or licence
        EpisodeResources.allStaff(m, row, "MA_BS_DOC_KQ").forEach(o::addPerformer);
        if (m.problems.size() == before) {
            m.putByIdentifier(o, id, "XML4 STT " + row.stt());
        }
    }
}
