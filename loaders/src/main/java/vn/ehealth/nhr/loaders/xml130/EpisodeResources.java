package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What the clinical-document tables (XML5, XML7, XML8, XML13) need from the episode already mapped
 * from XML1 (its Encounter, diagnoses and insurance card), and the references and checks they share:
 * staff by health identifier, facilities by code, the episode times they repeat, {@code yyyyMMdd} days.
 */
final class EpisodeResources {

    private static final String FACILITY_CODE_FORMAT = "[0-9]{2}[0-9A-Z]{3}";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private EpisodeResources() {
    }

    /** The episode's Encounter (written by XML1). */
    static Encounter encounter(EpisodeMapping m) {
        return entry(m, m.encounter).map(Encounter.class::cast).orElseThrow();
    }

    /** The resource of the entry a reference of this transaction points at. */
    static Optional<Resource> entry(EpisodeMapping m, Reference ref) {
        return m.bundle.getEntry().stream().filter(e -> e.getFullUrl().equals(ref.getReference()))
                .map(Bundle.BundleEntryComponent::getResource).findFirst();
    }

    /** A reference to the entry holding a resource of this type (the XML1 Coverage), if any. */
    static Optional<Reference> first(EpisodeMapping m, Class<? extends Resource> type) {
        return m.bundle.getEntry().stream().filter(e -> type.isInstance(e.getResource()))
                .map(e -> new Reference(e.getFullUrl())).findFirst();
    }

    /** A facility by its 5-character code (MA_CSKCB, MA_NOI_DEN). */
    static Reference facility(String code) {
        return new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(code));
    }

    /** The facility code in {@code column}; a problem (and null) when it is not one. */
    static String facilityCode(EpisodeMapping m, Xml130Row row, String column, boolean required) {
        String code = required ? m.required(row, column) : row.get(column);
        if (code != null && !code.matches(FACILITY_CODE_FORMAT)) {
            m.problem(row, column, "\"" + code + "\" không phải mã cơ sở KBCB (5 ký tự)",
                    "\"" + code + "\" is not a facility code (5 characters)");
            return null;
        }
        return code;
    }

    /**
     * A staff member by the health identifier QĐ 130 gives (first of a ";" list): the Practitioner
     * on file when the directory knows it as a licence, else a logical reference by practising
     * licence or by social-insurance number (10 digits); a problem (and null) when it is neither.
     */
    static Reference staff(EpisodeMapping m, Xml130Row row, String column, String display) {
        String code = Xml130Values.list(row.get(column)).stream().findFirst().orElse(null);
        return code == null ? null : staffMember(m, row, column, code, display);
    }

    /** Every staff member of a ";" list, as {@link #staff}; the ones that are not identifiers are problems. */
    static List<Reference> allStaff(EpisodeMapping m, Xml130Row row, String column) {
        List<Reference> out = new java.util.ArrayList<>();
        for (String code : Xml130Values.list(row.get(column))) {
            Reference r = staffMember(m, row, column, code, null);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Reference staffMember(EpisodeMapping m, Xml130Row row, String column, String code, String display) {
        Optional<String> known = m.practitioners.idByLicence(code);
        Reference ref;
        if (known.isPresent()) {
            ref = new Reference("Practitioner/" + known.get());
        } else if (code.matches("[0-9]{10}")) {
            ref = new Reference().setType("Practitioner").setIdentifier(
                    new Identifier().setSystem(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER).setValue(code));
        } else if (code.toUpperCase(java.util.Locale.ROOT).contains("CCHN") || code.contains("/")) {
            ref = new Reference().setType("Practitioner").setIdentifier(
                    new Identifier().setSystem(NhrIdentifierSystems.PRACTITIONER_LICENCE).setValue(code));
        } else {
            m.problem(row, column, "\"" + code + "\" không phải mã số BHXH (10 chữ số) hay số chứng chỉ hành nghề",
                    "\"" + code + "\" is neither a social-insurance number (10 digits) nor a practising licence");
            return null;
        }
        return display == null ? ref : ref.setDisplay(display);
    }

    /**
     * NGAY_VAO/NGAY_RA as a document table repeats them from XML1: well-formed and in order (the
     * Encounter keeps XML1's values); returns the discharge time, else the admission time, else null.
     */
    static LocalDateTime episodeTimes(EpisodeMapping m, Xml130Row row) {
        LocalDateTime in = m.localTime(row, "NGAY_VAO", false);
        LocalDateTime out = m.localTime(row, "NGAY_RA", false);
        if (in != null && out != null && out.isBefore(in)) {
            m.problem(row, "NGAY_RA", "thời điểm ra " + row.get("NGAY_RA") + " trước thời điểm vào " + row.get("NGAY_VAO"),
                    "discharge time " + row.get("NGAY_RA") + " is before admission time " + row.get("NGAY_VAO"));
        }
        return out != null ? out : in;
    }

    /** The {@code yyyyMMdd} day in {@code column}; a problem (and null) when it is there but malformed. */
    static LocalDate day(EpisodeMapping m, Xml130Row row, String column) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        LocalDate d = Xml130Values.date(raw);
        if (d == null) {
            m.problem(row, column, "\"" + raw + "\" không phải ngày dạng yyyyMMdd (8 chữ số)",
                    "\"" + raw + "\" is not a yyyyMMdd date (8 digits)");
        }
        return d;
    }

    /** A whole number in {@code column} within [min, max]; a problem (and null) otherwise. */
    static Integer whole(EpisodeMapping m, Xml130Row row, String column, int min, int max) {
        String raw = row.get(column);
        if (raw == null) {
            return null;
        }
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < min || Integer.parseInt(raw) > max) {
            m.problem(row, column, "\"" + raw + "\" không phải số nguyên từ " + min + " đến " + max,
                    "\"" + raw + "\" is not a whole number from " + min + " to " + max);
            return null;
        }
        return Integer.parseInt(raw);
    }

    /** A day as Vietnamese papers print it (dd/MM/yyyy). */
    static String vietnamese(LocalDate d) {
        return DAY.format(d);
    }

    /** A time as Vietnamese papers print it (HH:mm dd/MM/yyyy). */
    static String vietnamese(LocalDateTime t) {
        return TIME.format(t);
    }

    static DateTimeType dayOf(LocalDate d) {
        return new DateTimeType(d.toString());
    }

    /** A generated XHTML narrative, one paragraph per text (escaped). */
    static Narrative narrative(List<String> paragraphs) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        for (String p : paragraphs) {
            div.append("<p>").append(Xml130Writer.escape(p)).append("</p>");
        }
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString(div.append("</div>").toString());
        return n;
    }
}
