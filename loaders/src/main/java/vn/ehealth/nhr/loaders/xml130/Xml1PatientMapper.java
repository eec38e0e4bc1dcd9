package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.CitizenIdNumber;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.NhrProfiles;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.terminology.AdministrativeUnits;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.time.LocalDate;
import java.util.List;

/**
 * XML1 (bảng tổng hợp) → the citizen: {@code Patient} (vn-nhr-patient) matched on CCCD by a
 * conditional create (the server keeps one record per citizen), and the health-insurance card as a
 * {@code Coverage}. Columns, as the profile's {@code qd130} mapping lists them: SO_CCCD, HO_TEN,
 * NGAY_SINH, GIOI_TINH, MA_DANTOC, MA_QUOCTICH, MA_NGHE_NGHIEP, DIA_CHI with MATINH/MAHUYEN/MAXA_CU_TRU,
 * DIEN_THOAI, MA_THE_BHYT with GT_THE_TU/GT_THE_DEN, MA_DKBD.
 */
final class Xml1PatientMapper {

    static final String EXT_RACE = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-race";
    static final String EXT_NATIONALITY = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-nationality";
    static final String EXT_OCCUPATION = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-occupation";
    static final String EXT_ADDRESS = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-administrative-address";
    static final String EXT_PRIMARY_CARE = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-registered-primary-care";
    static final String EXT_BIRTH_TIME = "http://hl7.org/fhir/StructureDefinition/patient-birthTime";
    private static final String BHYT_FORMAT = "[A-Z]{2}[1-5][0-9]{12}|[0-9]{10}";

    private Xml1PatientMapper() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        Patient p = new Patient();
        p.getMeta().addProfile(NhrProfiles.PATIENT);

        String name = m.required(row, "HO_TEN");
        if (name != null) {
            p.addName(humanName(name));
        }
        AdministrativeGender gender = gender(m, row);
        p.setGender(gender);
        Xml130Values.BirthDate birth = birthDate(m, row);
        if (birth != null) {
            p.setBirthDateElement(birth.date());
            if (birth.time() != null) {
                p.getBirthDateElement().addExtension(EXT_BIRTH_TIME, Xml130Values.dateTime(birth.time()));
            }
        }

        Identifier match = null;
        String cccd = row.get("SO_CCCD");
        if (cccd != null) {
            if (cccd.matches("\\d+")) {
                if (cccd.length() != 12) {
                    m.problem(row, "SO_CCCD", cccd.length() + " chữ số (số CCCD gồm đúng 12 chữ số)",
                            cccd.length() + " digits (a CCCD has exactly 12)");
                } else {
                    List<RuleViolation> wrong = CitizenIdNumber.checkAgainst(cccd, sex(gender),
                            birth == null ? null : birth.earliest());
                    wrong.forEach(v -> m.problem(row, "SO_CCCD", v.vietnamese(), v.english()));
                    match = p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                            .setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(cccd);
                }
            } else {
                // not digits: a passport number (foreigners), as the column's definition allows
                match = p.addIdentifier().setSystem(NhrIdentifierSystems.PASSPORT_NUMBER).setValue(cccd);
            }
        }
        List<String> cards = Xml130Values.list(row.get("MA_THE_BHYT"));
        List<String> from = Xml130Values.list(row.get("GT_THE_TU"));
        List<String> to = Xml130Values.list(row.get("GT_THE_DEN"));
        Identifier firstCard = null;
        for (int i = 0; i < cards.size(); i++) {
            String card = cards.get(i);
            if (!card.matches(BHYT_FORMAT)) {
                m.problem(row, "MA_THE_BHYT", "\"" + card + "\" không đúng dạng mã thẻ BHYT (2 chữ cái, 1 chữ số 1–5, 12 chữ số; hoặc 10 chữ số)",
                        "\"" + card + "\" is not a health-insurance card number (2 letters, a digit 1-5, 12 digits; or 10 digits)");
                continue;
            }
            Identifier id = p.addIdentifier().setSystem(NhrIdentifierSystems.INSURANCE_NUMBER).setValue(card);
            Period period = cardPeriod(m, row, i < from.size() ? from.get(i) : null, i < to.size() ? to.get(i) : null);
            if (period != null) {
                id.setPeriod(period);
            }
            if (firstCard == null) {
                firstCard = id;
            }
        }
        if (match == null) {
            match = firstCard;
        }
        if (match == null && cccd == null) {
            m.problem(row, "SO_CCCD", "thiếu, và không có MA_THE_BHYT: không xác định được người bệnh",
                    "missing, and no MA_THE_BHYT either: the patient cannot be identified");
        }

        ethnicity(m, row, p);
        String nationality = row.get("MA_QUOCTICH");
        // QĐ 130 uses the 3-digit codes of TT 07/2016/TT-BCA; only Viet Nam's is mapped to ISO 3166 so far
        if ("000".equals(nationality) || "704".equals(nationality)) {
            p.addExtension(EXT_NATIONALITY, new CodeableConcept(new Coding(NhrTerminology.ISO_3166_SYSTEM, "VN", "Viet Nam")));
        }
        String occupation = row.get("MA_NGHE_NGHIEP");
        if (occupation != null) {
            m.catalogues.occupation(occupation).ifPresent(c -> p.addExtension(EXT_OCCUPATION,
                    new CodeableConcept(new Coding(NhrTerminology.OCCUPATION_SYSTEM, c.code(), c.display()))));
        }
        address(m, row, p);
        if (row.has("DIEN_THOAI")) {
            p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(row.get("DIEN_THOAI"));
        }
        String primaryCare = row.get("MA_DKBD");
        if (primaryCare != null && primaryCare.matches("[0-9]{2}[0-9A-Z]{3}")) {
            p.addExtension(EXT_PRIMARY_CARE, new Reference().setIdentifier(
                    new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(primaryCare)));
        }

        if (match != null) {
            m.patient = m.createUnlessExists(p, match, "XML1 STT " + row.stt());
            m.patient.setDisplay(name);
        } else {
            // unidentified: already a problem, so nothing is sent; the other tables are still checked
            m.patient = new Reference().setDisplay(name);
        }
        if (firstCard != null && match != null) {
            Coverage coverage = new Coverage();
            coverage.addIdentifier(firstCard.copy());
            coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
            coverage.setBeneficiary(m.patient.copy());
            coverage.addPayor().setDisplay("Bảo hiểm xã hội Việt Nam");
            coverage.setSubscriberId(firstCard.getValue());
            if (firstCard.hasPeriod()) {
                coverage.setPeriod(firstCard.getPeriod().copy());
            }
            m.createUnlessExists(coverage, firstCard, "XML1 STT " + row.stt() + " MA_THE_BHYT");
        }
    }

    /** A name as QĐ 130 writes it (family name first): the whole text, the first word the family, the rest given. */
    static HumanName humanName(String name) {
        String[] words = name.split("\\s+");
        HumanName n = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(name);
        if (words.length > 1) {
            n.setFamily(words[0]);
            for (int i = 1; i < words.length; i++) {
                n.addGiven(words[i]);
            }
        }
        return n;
    }

    private static AdministrativeGender gender(EpisodeMapping m, Xml130Row row) {
        String g = m.required(row, "GIOI_TINH");
        if (g == null) {
            return null;
        }
        return switch (g) {
            case "1" -> AdministrativeGender.MALE;
            case "2" -> AdministrativeGender.FEMALE;
            case "3" -> AdministrativeGender.UNKNOWN;
            default -> {
                m.problem(row, "GIOI_TINH", "\"" + g + "\" không phải mã giới tính (1 nam, 2 nữ, 3 chưa xác định)",
                        "\"" + g + "\" is not a sex code (1 male, 2 female, 3 undetermined)");
                yield null;
            }
        };
    }

    private static CitizenIdNumber.Sex sex(AdministrativeGender g) {
        if (g == AdministrativeGender.MALE) {
            return CitizenIdNumber.Sex.MALE;
        }
        return g == AdministrativeGender.FEMALE ? CitizenIdNumber.Sex.FEMALE : null;
    }

    private static Xml130Values.BirthDate birthDate(EpisodeMapping m, Xml130Row row) {
        String raw = m.required(row, "NGAY_SINH");
        if (raw == null) {
            return null;
        }
        Xml130Values.BirthDate b = Xml130Values.birthDate(raw);
        if (b == null) {
            m.problem(row, "NGAY_SINH", "\"" + raw + "\" không phải ngày sinh dạng yyyyMMddHHmm (tháng, ngày chưa biết ghi 00)",
                    "\"" + raw + "\" is not a yyyyMMddHHmm birth date (unknown month and day written 00)");
        } else if (b.earliest().isAfter(LocalDate.now(Xml130Values.VIETNAM))) {
            m.problem(row, "NGAY_SINH", "ngày sinh " + raw + " ở tương lai", "birth date " + raw + " is in the future");
            return null;
        }
        return b;
    }

    private static Period cardPeriod(EpisodeMapping m, Xml130Row row, String from, String to) {
        Period p = new Period();
        LocalDate start = Xml130Values.date(from);
        LocalDate end = Xml130Values.date(to);
        if (from != null && start == null) {
            m.problem(row, "GT_THE_TU", "\"" + from + "\" không phải ngày dạng yyyyMMdd", "\"" + from + "\" is not a yyyyMMdd date");
        }
        if (to != null && end == null) {
            m.problem(row, "GT_THE_DEN", "\"" + to + "\" không phải ngày dạng yyyyMMdd", "\"" + to + "\" is not a yyyyMMdd date");
        }
        if (start != null) {
            p.setStartElement(new DateTimeType(start.toString()));
        }
        if (end != null) {
            p.setEndElement(new DateTimeType(end.toString()));
        }
        return p.isEmpty() ? null : p;
    }

    private static void ethnicity(EpisodeMapping m, Xml130Row row, Patient p) {
        String code = row.get("MA_DANTOC");
        if (code == null) {
            return;
        }
        var ethnic = m.catalogues.ethnicGroup(code.length() == 1 ? "0" + code : code);
        if (ethnic.isEmpty()) {
            m.problem(row, "MA_DANTOC", "mã dân tộc " + code + " không có trong danh mục (01–54, QĐ 121-TCTK/PPCĐ)",
                    "ethnic group code " + code + " is not in the catalogue (01-54)");
            return;
        }
        p.addExtension(EXT_RACE, new CodeableConcept(new Coding(NhrTerminology.ETHNIC_GROUP_SYSTEM,
                ethnic.get().code(), ethnic.get().display())));
    }

    private static void address(EpisodeMapping m, Xml130Row row, Patient p) {
        Address a = new Address().setUse(Address.AddressUse.HOME);
        if (row.has("DIA_CHI")) {
            a.setText(row.get("DIA_CHI"));
        }
        Extension units = new Extension(EXT_ADDRESS);
        String province = unit(m, row, "MATINH_CU_TRU", AdministrativeUnits.LEVEL_PROVINCE, null, units, "state");
        String district = unit(m, row, "MAHUYEN_CU_TRU", AdministrativeUnits.LEVEL_DISTRICT, province, units, "district");
        unit(m, row, "MAXA_CU_TRU", AdministrativeUnits.LEVEL_COMMUNE, district, units, "ward");
        if (units.hasExtension()) {
            a.addExtension(units);
            a.setCountry("VN");
        }
        if (!a.isEmpty() && (a.hasText() || a.hasExtension())) {
            p.addAddress(a);
        }
    }

    /** Checks an administrative-unit column (known code, right level, inside its parent) and adds it. */
    private static String unit(EpisodeMapping m, Xml130Row row, String column, String level, String parent,
            Extension units, String part) {
        String code = row.get(column);
        if (code == null) {
            return null;
        }
        var unit = m.catalogues.adminUnit(code);
        if (unit.isEmpty() || !level.equals(unit.get().level())) {
            m.problem(row, column, "mã " + code + " không có trong danh mục đơn vị hành chính (" + level + ", 06/2024)",
                    "code " + code + " is not a " + level + " of the administrative-unit catalogue (June 2024)");
            return null;
        }
        if (parent != null && !parent.equals(unit.get().parent())) {
            m.problem(row, column, "đơn vị " + code + " (" + unit.get().display() + ") không thuộc đơn vị " + parent,
                    "unit " + code + " (" + unit.get().display() + ") is not inside unit " + parent);
            return null;
        }
        units.addExtension(part, new CodeableConcept(new Coding(AdministrativeUnits.SYSTEM, code, null)));
        return code;
    }
}
