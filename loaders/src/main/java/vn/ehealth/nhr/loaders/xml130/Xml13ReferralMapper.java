package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;

/**
 * XML13 (giấy chuyển tuyến) → a referral {@code ServiceRequest} (category SNOMED CT 3457005
 * "Patient referral", intent order): MA_NOI_DEN the facility asked to perform it, MA_CSKCB (the
 * episode's facility) or MA_BAC_SI the requester, NGAY_RA when it was written, MA_BENH_CHINH
 * (with CHAN_DOAN_RV) and MA_BENH_KT the coded reasons, MA_LYDO_CT the reason for transfer, the
 * clinical summary (DAU_HIEU_LS, QT_BENHLY, TOMTAT_KQ, PP_DIEUTRI, TEN_DICH_VU, TEN_THUOC,
 * HUONG_DIEU_TRI) and the transport (PHUONGTIEN_VC, HOTEN_NGUOI_HT, CHUCDANH_NGUOI_HT) as notes,
 * the episode as supporting information, XML1's card as the insurance. GIAY_CHUYEN_TUYEN (else
 * STT) keys the row; SO_HOSO and SO_CHUYENTUYEN are further identifiers; MA_TTDV, the signer, is
 * a contained Provenance. The patient's columns
 * repeat XML1 and are not copied.
 */
final class Xml13ReferralMapper {

    static final String SNOMED = "http://snomed.info/sct";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** MA_LYDO_CT, from the QĐ 4750 field list (XML13 column 32). */
    static final Map<String, String> TRANSFER_REASONS = Map.of(
            "1", "Đủ điều kiện chuyển tuyến, phù hợp với quy định chuyển tuyến",
            "2", "Đủ điều kiện chuyển tuyến do không phù hợp với khả năng đáp ứng của cơ sở KBCB",
            "3", "Chuyển tuyến theo yêu cầu của người bệnh hoặc người đại diện hợp pháp");

    private Xml13ReferralMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        ServiceRequest s = new ServiceRequest();
        s.getMeta().addProfile(NhrProfiles.SERVICE_REQUEST);
        String letter = row.has("GIAY_CHUYEN_TUYEN") ? row.get("GIAY_CHUYEN_TUYEN") : row.stt();
        Identifier id = m.rowIdentifier(Xml130Table.XML13, letter);
        s.addIdentifier(id);
        numbers(m, row, s);
        s.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        s.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        s.addCategory(new CodeableConcept(new Coding(SNOMED, "3457005", "Patient referral")));
        s.getCode().setText("Chuyển tuyến khám bệnh, chữa bệnh");
        s.setSubject(m.patient.copy());
        s.setEncounter(m.encounter.copy());
        s.addSupportingInfo(m.encounter.copy());
        EpisodeResources.first(m, Coverage.class).ifPresent(s::addInsurance);

        String issuer = EpisodeResources.facilityCode(m, row, "MA_CSKCB", false);
        if (issuer != null && !issuer.equals(m.facility)) {
            m.problem(row, "MA_CSKCB", "cơ sở cấp giấy " + issuer + " khác cơ sở của hồ sơ " + m.facility,
                    "issuing facility " + issuer + " differs from the record's facility " + m.facility);
        }
        EpisodeResources.facilityCode(m, row, "MA_NOI_DI", false);
        String destination = EpisodeResources.facilityCode(m, row, "MA_NOI_DEN", true);
        if (destination != null && destination.equals(m.facility)) {
            m.problem(row, "MA_NOI_DEN", "nơi chuyển đến " + destination + " trùng cơ sở chuyển đi",
                    "destination " + destination + " is the referring facility itself");
        } else if (destination != null) {
            s.addPerformer(EpisodeResources.facility(destination));
        }
        Reference doctor = EpisodeResources.staff(m, row, "MA_BAC_SI", null);
        s.setRequester(doctor != null ? doctor : EpisodeResources.facility(m.facility));

        LocalDateTime written = EpisodeResources.episodeTimes(m, row);
        m.localTime(row, "NGAY_VAO_NOI_TRU", false);
        if (written != null) {
            s.setAuthoredOnElement(Xml130Values.dateTime(written));
        }
        reasons(m, row, s);
        signer(m, row, s, written);
        for (String note : DischargePaper.labelled(row, "DAU_HIEU_LS", "Dấu hiệu lâm sàng",
                "QT_BENHLY", "Quá trình bệnh lý và diễn biến lâm sàng", "TOMTAT_KQ", "Tóm tắt kết quả cận lâm sàng",
                "PP_DIEUTRI", "Phương pháp điều trị", "PP_DIEU_TRI", "Phương pháp, thủ thuật, kỹ thuật, thuốc đã sử dụng",
                "TEN_DICH_VU", "Dịch vụ kỹ thuật đã sử dụng", "TEN_THUOC", "Thuốc đã sử dụng",
                "MA_BENH_YHCT", "Bệnh y học cổ truyền", "HUONG_DIEU_TRI", "Hướng điều trị",
                "PHUONGTIEN_VC", "Phương tiện vận chuyển", "HOTEN_NGUOI_HT", "Người hộ tống",
                "CHUCDANH_NGUOI_HT", "Chức danh người hộ tống")) {
            s.addNote().setText(note);
        }
        if (m.problems.size() == before) {
            m.putByIdentifier(s, id, "XML13 " + (row.has("GIAY_CHUYEN_TUYEN") ? "GIAY_CHUYEN_TUYEN " + letter : "STT " + row.stt()));
        }
    }

    /**
     * MA_TTDV: who signed the letter for the facility (its head or their delegate). A ServiceRequest
     * has no signer element, so a Provenance contained in the request (its relevant history) names
     * them as legal authenticator: it travels and is updated with the request, no second resource.
     */
    private static void signer(EpisodeMapping m, Xml130Row row, ServiceRequest s, LocalDateTime written) {
        Reference head = EpisodeResources.staff(m, row, "MA_TTDV", null);
        if (head == null) {
            return;
        }
        Provenance signed = new Provenance();
        signed.setId("ky-giay");
        signed.addTarget(new Reference().setType("ServiceRequest").setIdentifier(s.getIdentifierFirstRep().copy()));
        Encounter e = EpisodeResources.encounter(m);
        Date when = written != null ? Date.from(written.atZone(Xml130Values.VIETNAM).toInstant())
                : e.getPeriod().hasEnd() ? e.getPeriod().getEnd() : e.getPeriod().getStart();
        signed.setRecordedElement(new InstantType(when, TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(Xml130Values.VIETNAM)));
        signed.addAgent().setWho(head).setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "LA", "legal authenticator"))
                .setText("Người ký giấy chuyển tuyến (thủ trưởng cơ sở hoặc người được ủy quyền)"));
        signed.getAgentFirstRep().setOnBehalfOf(EpisodeResources.facility(m.facility));
        s.addContained(signed);
        s.addRelevantHistory(new Reference("#ky-giay"));
    }

    private static void numbers(EpisodeMapping m, Xml130Row row, ServiceRequest s) {
        for (String[] n : new String[][] {{"SO_HOSO", "Số hồ sơ chuyển tuyến"}, {"SO_CHUYENTUYEN", "Số vào sổ chuyển tuyến"},
                {"GIAY_CHUYEN_TUYEN", "Số giấy chuyển tuyến"}}) {
            if (row.has(n[0])) {
                s.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setValue(row.get(n[0]))
                        .setSystem(EpisodeMapping.ROW_SYSTEM_PREFIX + m.facility + "/" + n[0]).getType().setText(n[1]);
            }
        }
    }

    private static void reasons(EpisodeMapping m, Xml130Row row, ServiceRequest s) {
        String principal = m.required(row, "MA_BENH_CHINH");
        if (principal != null) {
            CodeableConcept c = Xml1EpisodeMapper.icd10(m, row, "MA_BENH_CHINH", principal);
            if (c != null) {
                s.addReasonCode(c.setText(row.get("CHAN_DOAN_RV")));
            }
        }
        for (String code : Xml130Values.list(row.get("MA_BENH_KT"))) {
            CodeableConcept c = Xml1EpisodeMapper.icd10(m, row, "MA_BENH_KT", code);
            if (c != null) {
                s.addReasonCode(c);
            }
        }
        String why = row.get("MA_LYDO_CT");
        if (why != null) {
            String text = TRANSFER_REASONS.get(why);
            if (text == null) {
                m.problem(row, "MA_LYDO_CT", "mã " + why + " không phải lý do chuyển tuyến (1–3)",
                        "code " + why + " is not a reason for transfer (1-3)");
            } else {
                s.addReasonCode().setText("Lý do chuyển tuyến: " + text);
            }
        }
        String discharge = row.get("MA_LOAI_RV");
        if (discharge != null && m.catalogues.dischargeType(discharge).isEmpty()) {
            m.problem(row, "MA_LOAI_RV", "mã " + discharge + " không phải loại ra viện (1–5)",
                    "code " + discharge + " is not a discharge type (1-5)");
        }
    }
}
