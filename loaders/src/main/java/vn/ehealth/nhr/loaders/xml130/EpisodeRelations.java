package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.List;

/**
 * The columns of XML7 (giấy ra viện) and XML8 (tóm tắt hồ sơ bệnh án) about the people around the
 * patient and their insurance, rather than the paper itself:
 * <ul>
 * <li>father, mother, guardian (MA_CHA/HO_TEN_CHA, MA_ME/HO_TEN_ME, NGUOI_GIAM_HO) → one
 * {@code RelatedPerson} each (v3 RoleCode FTH, MTH, GUARD), conditionally updated on the row identifier
 * {@code MA_LK/XML7/FTH}: loading the episode again updates it in place, and it is this facility's own
 * resource, so another facility's Patient (which this facility may not change) and the relatives
 * others recorded are left as they are. MA_CHA/MA_ME are health identifiers: a social-insurance number
 * (10 digits), or a CCCD (12);</li>
 * <li>the employer (DON_VI) → {@code Patient.contact} (v2-0131 E), on the Patient this load creates
 * (a Patient already on file is matched, never rewritten: the same rule as XML1's demographics);</li>
 * <li>the temporary insurance card of a newborn or organ donor (MA_THE_TAM) → a {@code Coverage}
 * created unless the card is on file, as XML1's card.</li>
 * </ul>
 * XML7 is mapped first: XML8 fills in what XML7 left out of the same relative, it never adds a second one.
 */
final class EpisodeRelations {

    static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    static final String CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131";
    /** The v3 RoleCode of each relative a paper may name; with the table, the key of its row identifier. */
    static final List<String> ROLES = List.of("FTH", "MTH", "GUARD");
    private static final String CARD_FORMAT = "[A-Z]{2}[1-5][0-9]{12}|[0-9]{10}";

    private EpisodeRelations() {
    }

    static void map(EpisodeMapping m, Xml130Row row) {
        relative(m, row, "FTH", "father", "Cha", "HO_TEN_CHA", "MA_CHA");
        relative(m, row, "MTH", "mother", "Mẹ", "HO_TEN_ME", "MA_ME");
        relative(m, row, "GUARD", "guardian", "Người giám hộ", "NGUOI_GIAM_HO", null);
        employer(m, row);
        temporaryCard(m, row);
    }

    private static void relative(EpisodeMapping m, Xml130Row row, String role, String roleDisplay, String label,
            String nameColumn, String idColumn) {
        String name = row.get(nameColumn);
        Identifier health = idColumn == null ? null : healthIdentifier(m, row, idColumn);
        if (name == null && health == null) {
            return;
        }
        RelatedPerson p = m.relatives.get(role);
        if (p == null) {
            p = new RelatedPerson();
            Identifier id = m.rowIdentifier(row.table(), role);
            p.addIdentifier(id);
            p.setActive(true);
            p.setPatient(m.patient.copy());
            p.addRelationship(new CodeableConcept(new Coding(ROLE_CODE, role, roleDisplay)).setText(label));
            m.relatives.put(role, p);
            m.putByIdentifier(p, id, row.table().name() + " STT " + row.stt() + " " + (name != null ? nameColumn : idColumn));
        }
        if (name != null && !p.hasName()) {
            p.addName(Xml1PatientMapper.humanName(name).setUse(null));
        }
        if (health != null && p.getIdentifier().stream().noneMatch(i -> health.getSystem().equals(i.getSystem()))) {
            p.addIdentifier(health);
        }
    }

    /** MA_CHA / MA_ME: the parent's health identifier, a social-insurance number or a CCCD; a problem otherwise. */
    private static Identifier healthIdentifier(EpisodeMapping m, Xml130Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        if (v.matches("[0-9]{10}")) {
            return new Identifier().setSystem(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER).setValue(v);
        }
        if (v.matches("[0-9]{12}")) {
            return new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(v);
        }
        m.problem(row, column, "\"" + v + "\" không phải mã số BHXH (10 chữ số) hay số CCCD (12 chữ số)",
                "\"" + v + "\" is neither a social-insurance number (10 digits) nor a CCCD (12 digits)");
        return null;
    }

    private static void employer(EpisodeMapping m, Xml130Row row) {
        String unit = row.get("DON_VI");
        if (unit == null || m.patient.getReference() == null) {
            return;
        }
        Patient patient = EpisodeResources.entry(m, m.patient).map(Patient.class::cast).orElseThrow();
        boolean known = patient.getContact().stream().anyMatch(c -> unit.equals(c.getOrganization().getDisplay()));
        if (!known) {
            patient.addContact().addRelationship(new CodeableConcept(new Coding(CONTACT_ROLE, "E", "Employer"))
                    .setText("Đơn vị công tác")).setOrganization(new Reference().setDisplay(unit));
        }
    }

    private static void temporaryCard(EpisodeMapping m, Xml130Row row) {
        String card = row.get("MA_THE_TAM");
        if (card == null) {
            return;
        }
        if (!card.matches(CARD_FORMAT)) {
            m.problem(row, "MA_THE_TAM", "\"" + card + "\" không đúng dạng mã thẻ BHYT (2 chữ cái, 1 chữ số 1–5, 12 chữ số)",
                    "\"" + card + "\" is not a health-insurance card number (2 letters, a digit 1-5, 12 digits)");
            return;
        }
        boolean listed = m.bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Coverage.class::isInstance).map(Coverage.class::cast)
                .anyMatch(c -> card.equals(c.getSubscriberId()));
        if (listed || m.patient.getReference() == null) {
            return;
        }
        Identifier id = new Identifier().setSystem(NhrIdentifierSystems.INSURANCE_NUMBER).setValue(card);
        Coverage coverage = new Coverage();
        coverage.addIdentifier(id.copy());
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setType(new CodeableConcept().setText("Thẻ BHYT tạm thời (trẻ em mới sinh hoặc người hiến tạng chưa được cấp thẻ)"));
        coverage.setBeneficiary(m.patient.copy());
        coverage.addPayor().setDisplay("Bảo hiểm xã hội Việt Nam");
        coverage.setSubscriberId(card);
        m.createUnlessExists(coverage, id, row.table().name() + " STT " + row.stt() + " MA_THE_TAM");
    }
}
