package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * XML14 (giấy hẹn khám lại) → an {@code Appointment} the patient is asked to keep: status
 * {@code proposed} (the letter gives a day, not a booked slot), NGAY_HEN_KL the requested period,
 * MA_BENH_CHINH/MA_BENH_KT the reasons, CHAN_DOAN_RV the comment, the episode as supporting
 * information, SO_GIAYHEN_KL the letter's number in the identifier, MA_BAC_SI a participant when the
 * directory knows the licence, MA_TTDV (who signed the letter for the facility) an information-only
 * participant typed legal authenticator: an Appointment has no {@code relevantHistory} for a signing
 * Provenance as XML13's referral has, and the letter's signer is a participant of the letter.
 */
final class Xml14FollowUpMapper {

    private Xml14FollowUpMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        Appointment a = new Appointment();
        String letter = row.has("SO_GIAYHEN_KL") ? row.get("SO_GIAYHEN_KL") : row.stt();
        Identifier id = m.rowIdentifier(Xml130Table.XML14, letter);
        a.addIdentifier(id);
        a.setStatus(Appointment.AppointmentStatus.PROPOSED);
        a.setDescription("Hẹn khám lại");
        String raw = m.required(row, "NGAY_HEN_KL");
        if (raw != null) {
            LocalDate day = Xml130Values.date(raw.length() >= 8 ? raw.substring(0, 8) : raw);
            LocalDateTime time = raw.length() == 12 ? Xml130Values.time(raw) : null;
            if (day == null || (raw.length() != 8 && raw.length() != 12)) {
                m.problem(row, "NGAY_HEN_KL", "\"" + raw + "\" không phải ngày hẹn dạng yyyyMMdd(HHmm)",
                        "\"" + raw + "\" is not an appointment date yyyyMMdd(HHmm)");
            } else {
                Period p = new Period();
                if (time != null && !raw.endsWith("0000")) {
                    // from the hour given to the end of that day
                    p.setStartElement(Xml130Values.dateTime(time));
                    p.setEndElement(Xml130Values.dateTime(day.atTime(23, 59, 59)));
                } else {
                    p.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(day.toString()));
                    p.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(day.toString()));
                }
                a.addRequestedPeriod(p);
            }
        }
        String principal = row.get("MA_BENH_CHINH");
        if (principal != null) {
            CodeableConcept c = Xml1EpisodeMapper.icd10(m, row, "MA_BENH_CHINH", principal);
            if (c != null) {
                a.addReasonCode(c);
            }
        }
        for (String code : Xml130Values.list(row.get("MA_BENH_KT"))) {
            CodeableConcept c = Xml1EpisodeMapper.icd10(m, row, "MA_BENH_KT", code);
            if (c != null) {
                a.addReasonCode(c);
            }
        }
        if (row.has("CHAN_DOAN_RV")) {
            a.setComment(row.get("CHAN_DOAN_RV"));
        }
        a.addSupportingInformation(m.encounter.copy());
        a.addParticipant().setActor(m.patient.copy()).setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        Xml130Values.list(row.get("MA_BAC_SI")).stream().findFirst().flatMap(m.practitioners::idByLicence)
                .ifPresent(pid -> a.addParticipant().setActor(new Reference("Practitioner/" + pid))
                        .setStatus(Appointment.ParticipationStatus.ACCEPTED));
        signer(m, row, a);
        if (m.problems.size() == before) {
            m.putByIdentifier(a, id, "XML14 " + (row.has("SO_GIAYHEN_KL") ? "SO_GIAYHEN_KL " + letter : "STT " + row.stt()));
        }
    }

    private static void signer(EpisodeMapping m, Xml130Row row, Appointment a) {
        Reference head = EpisodeResources.staff(m, row, "MA_TTDV", null);
        if (head == null) {
            return;
        }
        a.addParticipant().setActor(head).setRequired(Appointment.ParticipantRequired.INFORMATIONONLY)
                .setStatus(Appointment.ParticipationStatus.ACCEPTED)
                .addType(new CodeableConcept(new Coding(Xml13ReferralMapper.PARTICIPATION_TYPE, "LA", "legal authenticator"))
                        .setText("Người ký giấy hẹn khám lại (thủ trưởng cơ sở hoặc người được ủy quyền)"));
    }
}
