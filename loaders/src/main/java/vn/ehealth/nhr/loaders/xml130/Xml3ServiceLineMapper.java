package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.Set;

/**
 * XML3 (chi tiết dịch vụ kỹ thuật và vật tư y tế) → one {@code Procedure} per technical service
 * performed: MA_DICH_VU in the national technical-service catalogue, with the ICD-9-CM procedure of
 * MA_PTTT_QT (or, failing that, the Ministry's 2020 map), TEN_DICH_VU the text, NGAY_TH_YL (else
 * NGAY_YL) the time, MA_BENH the reasons (ICD-10), the facility the performer. Lines that are
 * billing rather than care are not mapped: supplies (MA_VAT_TU), beds, examination fees and
 * transport (MA_NHOM 10–16), and every price and payment column.
 */
final class Xml3ServiceLineMapper {

    static final String TECHNICAL_SERVICE_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-technical-service";
    static final String ICD9CM_SYSTEM = "http://hl7.org/fhir/sid/icd-9-cm";
    /** Cost groups (nhóm chi phí, QĐ 6556) that are not clinical acts: supplies, transport, examination fee, beds. */
    private static final Set<String> NOT_CLINICAL = Set.of("10", "11", "12", "13", "14", "15", "16");

    private Xml3ServiceLineMapper() {
    }

    static boolean isClinical(Xml130Row row) {
        return row.has("MA_DICH_VU") && !row.has("MA_VAT_TU") && !NOT_CLINICAL.contains(String.valueOf(row.get("MA_NHOM")));
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        if (!isClinical(row)) {
            return;
        }
        int before = m.problems.size();
        String service = row.get("MA_DICH_VU");
        Procedure p = new Procedure();
        Identifier id = m.rowIdentifier(Xml130Table.XML3, row.stt());
        p.addIdentifier(id);
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        CodeableConcept code = new CodeableConcept().setText(row.get("TEN_DICH_VU"));
        var known = m.catalogues.technicalService(service);
        code.addCoding(new Coding(TECHNICAL_SERVICE_SYSTEM, service, known.map(Xml130Catalogues.Concept::display).orElse(null)));
        String icd9 = Xml130Values.list(row.get("MA_PTTT_QT")).stream().findFirst()
                .orElseGet(() -> m.catalogues.icd9For(service).orElse(null));
        if (icd9 != null) {
            code.addCoding(new Coding(ICD9CM_SYSTEM, icd9, m.catalogues.icd9(icd9).map(Xml130Catalogues.Concept::display).orElse(null)));
        }
        if (!code.hasText() && known.isPresent()) {
            code.setText(known.get().display());
        }
        p.setCode(code);
        p.setSubject(m.patient.copy());
        p.setEncounter(m.encounter.copy());
        DateTimeType done = m.time(row, "NGAY_TH_YL", false);
        if (done == null) {
            done = m.time(row, "NGAY_YL", true);
        }
        p.setPerformed(done);
        for (String raw : Xml130Values.list(row.get("MA_BENH"))) {
            CodeableConcept reason = Xml1EpisodeMapper.icd10(m, row, "MA_BENH", raw);
            if (reason != null) {
                p.addReasonCode(reason);
            }
        }
        p.addPerformer().setActor(new Reference().setType("Organization").setIdentifier(
                new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(m.facility)));
        if (m.problems.size() == before) {
            m.putByIdentifier(p, id, "XML3 STT " + row.stt());
        }
    }
}
