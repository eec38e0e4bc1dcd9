package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.NhrProfiles;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XML2 (chi tiết thuốc) → one {@code MedicationRequest} (vn-nhr-medicationrequest) per drug line:
 * SO_DANG_KY the registration-number coding, TEN_THUOC the text, HAM_LUONG/MA_THUOC the
 * active-ingredient extension, NGAY_YL the order time, MA_BAC_SI the prescriber (a Practitioner of the
 * directory, by licence), LIEU_DUNG/CACH_DUNG the dosage (dose and frequency read from the usual
 * "2 viên/lần, 2 lần/ngày" wording when present), DUONG_DUNG the route, SO_LUONG/DON_VI_TINH the
 * quantity, the episode's ICD-10 diagnoses the reasons, DANG_BAO_CHE the dosage-form extension,
 * MA_KHOA the ordering-department extension, MA_DICH_VU the XML3 Procedure the drug was used in.
 * Prices and payment columns are not mapped.
 *
 * <p>The XML carries no national prescription code; the lines of one episode are grouped under
 * {@code <MA_CSKCB>.<MA_LK>} in the prescription-code system, which the guide requires.
 */
final class Xml2MedicineLineMapper {

    static final String DOSAGE_FORM = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-dosage-form";
    static final String ORDERING_DEPARTMENT = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-ordering-department";
    private static final Pattern DOSE = Pattern.compile("([0-9]+(?:[.,][0-9]+)?)\\s*([\\p{L}]+)\\s*/\\s*lần", Pattern.CASE_INSENSITIVE);
    private static final Pattern FREQUENCY = Pattern.compile("([0-9]+)\\s*lần\\s*/\\s*(ngày|24\\s*giờ)", Pattern.CASE_INSENSITIVE);

    private Xml2MedicineLineMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        int before = m.problems.size();
        MedicationRequest r = new MedicationRequest();
        r.getMeta().addProfile(NhrProfiles.MEDICATION_REQUEST);
        String group = m.facility + "." + m.maLk.replaceAll("\\s+", "");
        r.addIdentifier().setSystem(NhrIdentifierSystems.PRESCRIPTION_CODE).setValue(group);
        Identifier rowId = m.rowIdentifier(Xml130Table.XML2, row.stt());
        r.addIdentifier(rowId);
        r.setGroupIdentifier(new Identifier().setSystem(NhrIdentifierSystems.PRESCRIPTION_CODE).setValue(group));
        r.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        r.addCategory(new CodeableConcept(new Coding("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-prescription-category",
                "ordinary", "Đơn thuốc thông thường")));

        String name = m.required(row, "TEN_THUOC");
        String registration = row.get("SO_DANG_KY");
        if (registration == null) {
            m.problem(row, "SO_DANG_KY", "thiếu: đơn thuốc trong hồ sơ quốc gia cần số đăng ký lưu hành của thuốc",
                    "missing: a prescription in the national record needs the drug's registration number");
        }
        String strength = row.get("HAM_LUONG");
        r.setMedication(new CodeableConcept(new Coding(NhrIdentifierSystems.DRUG_REGISTRATION_NUMBER, registration,
                name == null ? null : strength == null ? name : name + " " + strength)).setText(name));
        if (name != null && strength != null) {
            Extension ext = r.addExtension().setUrl("http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-active-ingredient-strength");
            if (row.has("MA_THUOC")) {
                ext.addExtension("ingredientCode", new StringType(row.get("MA_THUOC")));
            }
            ext.addExtension("ingredient", new StringType(name));
            ext.addExtension("strength", new StringType(strength));
        }
        if (row.has("DANG_BAO_CHE")) {
            r.addExtension(DOSAGE_FORM, new CodeableConcept().setText(row.get("DANG_BAO_CHE")));
        }
        department(m, row, r);
        r.setSubject(m.patient.copy());
        r.setEncounter(m.encounter.copy());
        usedIn(m, row, r);
        DateTimeType ordered = m.time(row, "NGAY_YL", true);
        r.setAuthoredOnElement(ordered);
        prescriber(m, row, r);
        if (m.diagnoses.isEmpty()) {
            m.problem(row, "MA_LK", "hồ sơ XML1 không có mã bệnh ICD-10 (MA_BENH_CHINH) làm lý do kê đơn",
                    "the XML1 record has no ICD-10 diagnosis (MA_BENH_CHINH) to give as the prescription's reason");
        }
        m.diagnoses.forEach(d -> r.addReasonCode(d.copy()));
        r.addDosageInstruction(dosage(m, row, ordered));
        BigDecimal quantity = Xml130Values.number(row.get("SO_LUONG"));
        if (quantity == null) {
            m.problem(row, "SO_LUONG", row.has("SO_LUONG") ? "\"" + row.get("SO_LUONG") + "\" không phải số" : "thiếu (bắt buộc)",
                    row.has("SO_LUONG") ? "\"" + row.get("SO_LUONG") + "\" is not a number" : "missing (required)");
        } else {
            r.getDispenseRequest().setQuantity((Quantity) new Quantity().setValue(quantity).setUnit(row.get("DON_VI_TINH")));
        }
        if (m.problems.size() == before) {
            m.putByIdentifier(r, rowId, "XML2 STT " + row.stt());
        }
    }

    /** MA_KHOA: the ordering department, a Location by department code (as XML1's on the Encounter). */
    private static void department(EpisodeMapping m, Xml130Row row, MedicationRequest r) {
        String dept = row.get("MA_KHOA");
        if (dept == null) {
            return;
        }
        if (!dept.matches("K[0-9]{2}")) {
            m.problem(row, "MA_KHOA", "\"" + dept + "\" không phải mã khoa (K + 2 chữ số, QĐ 5937/QĐ-BYT)",
                    "\"" + dept + "\" is not a department code (K + 2 digits)");
            return;
        }
        r.addExtension(ORDERING_DEPARTMENT, new Reference().setType("Location")
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.DEPARTMENT_CODE).setValue(dept)));
    }

    /**
     * MA_DICH_VU: the technical service the drug was used in (contrast agent, anaesthetic…). The
     * Procedure XML3 made for that service is the line's supporting information; a service XML3 does
     * not list (not mapped as a clinical act) stays as a note with the catalogue's name.
     */
    private static void usedIn(EpisodeMapping m, Xml130Row row, MedicationRequest r) {
        String service = row.get("MA_DICH_VU");
        if (service == null) {
            return;
        }
        m.bundle.getEntry().stream().filter(e -> e.getResource() instanceof Procedure p
                        && p.getCode().hasCoding(Xml3ServiceLineMapper.TECHNICAL_SERVICE_SYSTEM, service))
                .findFirst().ifPresentOrElse(e -> r.addSupportingInformation(new Reference(e.getFullUrl())),
                        () -> r.addNote().setText("Dùng trong dịch vụ kỹ thuật " + service
                                + m.catalogues.technicalService(service).map(c -> " " + c.display()).orElse("")));
    }

    private static void prescriber(EpisodeMapping m, Xml130Row row, MedicationRequest r) {
        List<String> licences = Xml130Values.list(row.get("MA_BAC_SI"));
        if (licences.isEmpty()) {
            m.problem(row, "MA_BAC_SI", "thiếu (bắt buộc: người kê đơn)", "missing (required: the prescriber)");
            return;
        }
        String licence = licences.get(0);
        m.practitioners.idByLicence(licence).ifPresentOrElse(
                id -> r.setRequester(new Reference("Practitioner/" + id)),
                () -> m.problem(row, "MA_BAC_SI", "không có nhân viên y tế nào mang chứng chỉ hành nghề " + licence + " trong danh bạ",
                        "no practitioner with licence " + licence + " in the directory"));
    }

    private static Dosage dosage(EpisodeMapping m, Xml130Row row, DateTimeType ordered) {
        Dosage d = new Dosage().setSequence(1);
        String dose = row.get("LIEU_DUNG");
        String how = row.get("CACH_DUNG");
        String text = dose == null ? how : how == null ? dose : dose + "; " + how;
        if (text == null) {
            m.problem(row, "LIEU_DUNG", "thiếu cả LIEU_DUNG và CACH_DUNG: đơn thuốc cần hướng dẫn dùng",
                    "both LIEU_DUNG and CACH_DUNG are missing: a prescription needs directions");
        }
        d.setText(text);
        if (row.has("DUONG_DUNG")) {
            d.setRoute(new CodeableConcept().setText(row.get("DUONG_DUNG")));
        }
        if (dose != null) {
            Matcher perTake = DOSE.matcher(dose);
            if (perTake.find()) {
                d.addDoseAndRate().setDose(new Quantity().setValue(Xml130Values.number(perTake.group(1))).setUnit(perTake.group(2)));
            }
            Matcher perDay = FREQUENCY.matcher(dose);
            if (perDay.find()) {
                d.getTiming().getRepeat().setFrequency(Integer.parseInt(perDay.group(1))).setPeriod(1)
                        .setPeriodUnit(Timing.UnitsOfTime.D);
            }
        }
        if (!d.hasTiming() && !d.hasDoseAndRate() && ordered != null) {
            // free-text directions only: the line was ordered for the time of the order (NGAY_YL)
            d.getTiming().getEvent().add(ordered.copy());
        }
        return d;
    }
}
