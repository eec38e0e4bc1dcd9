package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.NhrProfiles;
import vn.ehealth.nhr.terminology.Icd10Codes;
import vn.ehealth.nhr.terminology.Icd10Vn;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * XML1 (bảng tổng hợp) → the episode: {@code Encounter} (vn-nhr-encounter) identified by MA_LK in
 * the facility's MA_LK system, and its diagnoses as {@code Condition}s (vn-nhr-condition):
 * MA_BENH_CHINH the principal (rank 1), MA_BENH_KT the secondary ones (";"-separated). ICD-10 codes
 * come without dots ("J189") and are stored in the WHO dotted form of the national code system.
 */
final class Xml1EpisodeMapper {

    private static final String DIAGNOSIS_ROLE = "http://terminology.hl7.org/CodeSystem/diagnosis-role";
    private static final Set<String> INPATIENT = Set.of("03", "04", "09");

    private Xml1EpisodeMapper() {
    }

    /** Checks the episode key columns and sets facility and MA_LK; false when the episode cannot even be named. */
    static boolean identify(EpisodeMapping m, Xml130Row row) {
        String maLk = m.required(row, "MA_LK");
        String facility = row.get("MA_CSKCB");
        String envelope = m.episode.envelopeFacility();
        if (facility == null) {
            facility = envelope;
        } else if (envelope != null && !envelope.equals(facility)) {
            m.problem(row, "MA_CSKCB", "cơ sở " + facility + " khác với MACSKCB " + envelope + " của hồ sơ gửi",
                    "facility " + facility + " differs from the envelope's MACSKCB " + envelope);
        }
        if (facility == null) {
            m.problem(row, "MA_CSKCB", "thiếu (bắt buộc)", "missing (required)");
        } else if (!facility.matches("[0-9]{2}[0-9A-Z]{3}")) {
            m.problem(row, "MA_CSKCB", "\"" + facility + "\" không phải mã cơ sở KBCB (5 ký tự)",
                    "\"" + facility + "\" is not a facility code (5 characters)");
            facility = null;
        }
        m.facility = facility;
        m.maLk = maLk;
        return maLk != null && facility != null;
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        Encounter e = new Encounter();
        e.getMeta().addProfile(NhrProfiles.ENCOUNTER);
        e.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(m.episodeSystem()).setValue(m.maLk);
        e.setSubject(m.patient.copy());

        String type = m.required(row, "MA_LOAI_KCB");
        if (type != null) {
            String code = type.length() == 1 ? "0" + type : type;
            m.catalogues.encounterType(code).ifPresentOrElse(c -> {
                e.addType(new CodeableConcept(new Coding(NhrTerminology.ENCOUNTER_TYPE_SYSTEM, c.code(), c.display())));
                e.setClass_(INPATIENT.contains(c.code())
                        ? new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter")
                        : new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            }, () -> m.problem(row, "MA_LOAI_KCB", "mã " + type + " không có trong danh mục hình thức KCB (01–05, 07–09)",
                    "code " + type + " is not an encounter type (01-05, 07-09)"));
        }

        LocalDateTime in = m.localTime(row, "NGAY_VAO", true);
        LocalDateTime out = m.localTime(row, "NGAY_RA", false);
        Period period = new Period();
        if (in != null) {
            period.setStartElement(Xml130Values.dateTime(in));
        }
        if (out != null) {
            if (in != null && out.isBefore(in)) {
                m.problem(row, "NGAY_RA", "thời điểm ra " + row.get("NGAY_RA") + " trước thời điểm vào " + row.get("NGAY_VAO"),
                        "discharge time " + row.get("NGAY_RA") + " is before admission time " + row.get("NGAY_VAO"));
            }
            period.setEndElement(Xml130Values.dateTime(out));
        }
        e.setPeriod(period);
        boolean finished = row.has("NGAY_RA");
        e.setStatus(finished ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.INPROGRESS);

        var days = Xml130Values.number(row.get("SO_NGAY_DTRI"));
        if (days != null) {
            e.setLength((Duration) new Duration().setValue(days).setUnit("ngày").setSystem("http://unitsofmeasure.org").setCode("d"));
        }
        for (String column : new String[] {"LY_DO_VV", "LY_DO_VNT"}) {
            if (row.has(column)) {
                e.addReasonCode().setText(row.get(column));
            }
        }
        treatmentResult(m, row, e, finished);
        departments(m, row, e, period);
        referral(m, row, e);
        e.setServiceProvider(new Reference().setIdentifier(
                new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(m.facility)));

        m.encounter = m.putByIdentifier(e, e.getIdentifierFirstRep(), "XML1 STT " + row.stt());
        diagnoses(m, row, e, finished);
    }

    private static void treatmentResult(EpisodeMapping m, Xml130Row row, Encounter e, boolean finished) {
        String result = finished ? m.required(row, "KET_QUA_DTRI") : row.get("KET_QUA_DTRI");
        if (result != null) {
            m.catalogues.treatmentResult(result).ifPresentOrElse(c -> e.addExtension(
                            "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-treatment-result",
                            new CodeableConcept(new Coding(NhrTerminology.TREATMENT_RESULT_SYSTEM, c.code(), c.display()))),
                    () -> m.problem(row, "KET_QUA_DTRI", "mã " + result + " không phải kết quả điều trị (1–7)",
                            "code " + result + " is not a treatment result (1-7)"));
        }
        String discharge = finished ? m.required(row, "MA_LOAI_RV") : row.get("MA_LOAI_RV");
        if (discharge != null) {
            m.catalogues.dischargeType(discharge).ifPresentOrElse(c -> e.getHospitalization().setDischargeDisposition(
                            new CodeableConcept(new Coding(NhrTerminology.DISCHARGE_TYPE_SYSTEM, c.code(), c.display()))),
                    () -> m.problem(row, "MA_LOAI_RV", "mã " + discharge + " không phải loại ra viện (1–5)",
                            "code " + discharge + " is not a discharge type (1-5)"));
        }
    }

    private static void departments(EpisodeMapping m, Xml130Row row, Encounter e, Period period) {
        for (String dept : Xml130Values.list(row.get("MA_KHOA"))) {
            if (!dept.matches("K[0-9]{2}")) {
                m.problem(row, "MA_KHOA", "\"" + dept + "\" không phải mã khoa (K + 2 chữ số, QĐ 5937/QĐ-BYT)",
                        "\"" + dept + "\" is not a department code (K + 2 digits)");
                continue;
            }
            e.addLocation().setStatus(Encounter.EncounterLocationStatus.COMPLETED).setLocation(new Reference()
                    .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.DEPARTMENT_CODE).setValue(dept)));
        }
    }

    private static void referral(EpisodeMapping m, Xml130Row row, Encounter e) {
        String from = row.get("MA_NOI_DI");
        String to = row.get("MA_NOI_DEN");
        for (String[] f : new String[][] {{"MA_NOI_DI", from}, {"MA_NOI_DEN", to}}) {
            if (f[1] != null && !f[1].matches("[0-9]{2}[0-9A-Z]{3}")) {
                m.problem(row, f[0], "\"" + f[1] + "\" không phải mã cơ sở KBCB (5 ký tự)", "\"" + f[1] + "\" is not a facility code (5 characters)");
                return;
            }
        }
        if (from != null) {
            e.getHospitalization().setOrigin(new Reference().setIdentifier(
                    new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(from)));
            e.getHospitalization().setAdmitSource(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/admit-source", "hosp-trans", "Transferred from other hospital")));
        }
        if (to != null) {
            e.getHospitalization().setDestination(new Reference().setIdentifier(
                    new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(to)));
        }
    }

    private static void diagnoses(EpisodeMapping m, Xml130Row row, Encounter e, boolean finished) {
        String principal = finished ? m.required(row, "MA_BENH_CHINH") : row.get("MA_BENH_CHINH");
        List<String[]> codes = new ArrayList<>();
        if (principal != null) {
            codes.add(new String[] {"MA_BENH_CHINH", principal});
        }
        List<String> secondary = Xml130Values.list(row.get("MA_BENH_KT"));
        if (secondary.size() > 12) {
            m.problem(row, "MA_BENH_KT", secondary.size() + " mã bệnh kèm theo (tối đa 12)", secondary.size() + " secondary codes (at most 12)");
        }
        secondary.forEach(c -> codes.add(new String[] {"MA_BENH_KT", c}));
        Set<String> seen = new LinkedHashSet<>();
        int rank = 1;
        DateTimeType recorded = e.getPeriod().hasEnd() ? e.getPeriod().getEndElement() : e.getPeriod().getStartElement();
        for (String[] c : codes) {
            CodeableConcept code = icd10(m, row, c[0], c[1]);
            if (code == null || !seen.add(code.getCodingFirstRep().getCode())) {
                continue;
            }
            boolean isPrincipal = "MA_BENH_CHINH".equals(c[0]);
            if (isPrincipal && row.has("CHAN_DOAN_RV")) {
                code.setText(row.get("CHAN_DOAN_RV"));
            }
            Condition condition = new Condition();
            condition.getMeta().addProfile(NhrProfiles.CONDITION);
            condition.addIdentifier(m.rowIdentifier(Xml130Table.XML1, code.getCodingFirstRep().getCode()));
            condition.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-category",
                    "encounter-diagnosis", "Encounter Diagnosis")));
            condition.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
            condition.setCode(code);
            condition.setSubject(m.patient.copy());
            condition.setEncounter(m.encounter.copy());
            if (recorded != null) {
                condition.setRecordedDateElement(recorded.copy());
            }
            if (isPrincipal && row.has("MA_BENH_YHCT")) {
                // no traditional-medicine catalogue in the terminology yet: the codes stay text, uncoded
                condition.addNote().setText("Mã bệnh y học cổ truyền (MA_BENH_YHCT): " + row.get("MA_BENH_YHCT"));
            }
            Reference ref = m.putByIdentifier(condition, condition.getIdentifierFirstRep(),
                    "XML1 STT " + row.stt() + " " + c[0]);
            m.diagnoses.add(code.copy().setText(null));
            e.addDiagnosis().setCondition(ref).setRank(isPrincipal ? 1 : ++rank)
                    .setUse(new CodeableConcept(isPrincipal
                            ? new Coding(DIAGNOSIS_ROLE, "DD", "Discharge diagnosis")
                            : new Coding(DIAGNOSIS_ROLE, "CM", "Comorbidity diagnosis")));
        }
    }

    /** An ICD-10 code of the national list, written without a dot by the XML, as a dotted coding; null (and a problem) otherwise. */
    static CodeableConcept icd10(EpisodeMapping m, Xml130Row row, String column, String raw) {
        var dotted = Icd10Codes.normalise(raw);
        var concept = dotted.flatMap(m.catalogues::icd10);
        if (concept.isEmpty()) {
            m.problem(row, column, "mã ICD-10 không có trong danh mục QĐ 4469/QĐ-BYT: " + raw,
                    "unknown ICD-10 code " + raw + " (not in the QĐ 4469/QĐ-BYT list)");
            return null;
        }
        return new CodeableConcept(new Coding(Icd10Vn.SYSTEM, concept.get().code(), concept.get().display()));
    }
}
