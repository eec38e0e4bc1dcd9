package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columns mapped after the first pass: parents, guardian, employer and temporary card (XML7/XML8),
 * who read a result (XML4), dosage form, department and the service a drug was used in (XML2), the
 * referral's signer (XML13) and the traditional-medicine diagnosis (XML1): where each one lands.
 */
class Xml130RelativesAndDetailsTest {

    private static final PractitionerDirectory DIRECTORY =
            licence -> "000123/HNO-CCHN".equals(licence) ? Optional.of("bs-le-van-cuong") : Optional.empty();
    private static final String ROW_SYSTEM = "http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2Fsid%2Fxml130-row%2F01001%7C";
    private static List<Xml130Episode> visits;
    private static List<Xml130Episode> papers;
    private final Xml130EpisodeMapper mapper = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), DIRECTORY);

    @BeforeAll
    static void read() throws Exception {
        visits = Xml130TestFiles.read("envelope-3-episodes.xml");
        papers = Xml130TestFiles.read("envelope-documents.xml");
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static Bundle.BundleEntryComponent entryOf(Bundle b, Resource r) {
        return b.getEntry().stream().filter(e -> e.getResource() == r).findFirst().orElseThrow();
    }

    /** The child of the sample (born 2015, XML1 only) with the given paper rows. */
    private static Xml130Episode child(Map<String, String> x7, Map<String, String> x8) {
        Xml130Episode source = visits.get(2);
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        if (x7 != null) {
            Map<String, String> row = new HashMap<>(Map.of("MA_LK", source.maLk(), "CHAN_DOAN_RV", "Tiêu chảy nhiễm trùng",
                    "PP_DIEUTRI", "Bù nước, điện giải", "MA_TTDV", "0108123456", "NGAY_CT", "20261016"));
            row.putAll(x7);
            e.add(Xml130Table.XML7, List.of(new Xml130Row(Xml130Table.XML7, 1, row)));
        }
        if (x8 != null) {
            Map<String, String> row = new HashMap<>(Map.of("MA_LK", source.maLk(), "QT_BENHLY", "Tiêu chảy, sốt nhẹ 2 ngày",
                    "NGAY_CT", "20261016"));
            row.putAll(x8);
            e.add(Xml130Table.XML8, List.of(new Xml130Row(Xml130Table.XML8, 1, row)));
        }
        return e;
    }

    private static RelatedPerson relative(Bundle tx, String role) {
        return all(tx, RelatedPerson.class).stream()
                .filter(p -> p.getRelationshipFirstRep().hasCoding(EpisodeRelations.ROLE_CODE, role)).findFirst().orElseThrow();
    }

    @Test
    void xml7ParentsBecomeRelatedPersonsOfThePatientKeyedByTheirRole() {
        MappedEpisode m = mapper.map(child(Map.of("MA_CHA", "0109876543", "HO_TEN_CHA", "Lê Văn Tâm",
                "MA_ME", "001190012873", "HO_TEN_ME", "Phạm Thị Ngọc"), null));
        assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty();
        Bundle tx = m.transaction();
        String patient = tx.getEntryFirstRep().getFullUrl();
        String maLk = visits.get(2).maLk();

        RelatedPerson father = relative(tx, "FTH");
        assertThat(entryOf(tx, father).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(entryOf(tx, father).getRequest().getUrl()).isEqualTo("RelatedPerson?identifier=" + ROW_SYSTEM + maLk + "%2FXML7%2FFTH");
        assertThat(father.getPatient().getReference()).isEqualTo(patient);
        assertThat(father.getNameFirstRep().getText()).isEqualTo("Lê Văn Tâm");
        assertThat(father.getNameFirstRep().getFamily()).isEqualTo("Lê");
        assertThat(father.getActive()).isTrue();
        assertThat(father.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue()).containsExactly(
                EpisodeMapping.ROW_SYSTEM_PREFIX + "01001|" + maLk + "/XML7/FTH",
                NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER + "|0109876543");
        // a health identifier of 12 digits is a CCCD
        RelatedPerson mother = relative(tx, "MTH");
        assertThat(mother.getRelationshipFirstRep().getText()).isEqualTo("Mẹ");
        assertThat(mother.getIdentifier().get(1).getSystem()).isEqualTo(NhrIdentifierSystems.CITIZEN_ID);
        // the Patient itself is not given the parents: it may be another facility's record
        assertThat(((Patient) tx.getEntryFirstRep().getResource()).hasContact()).isFalse();
    }

    @Test
    void xml8AddsTheGuardianAndTheEmployerAndCompletesXml7sParentWithoutASecondOne() {
        MappedEpisode m = mapper.map(child(Map.of("MA_CHA", "0109876543"),
                Map.of("HO_TEN_CHA", "Lê Văn Tâm", "NGUOI_GIAM_HO", "Lê Thị Hồng", "DON_VI", "Công ty TNHH Minh Phát")));
        assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty();
        Bundle tx = m.transaction();

        assertThat(all(tx, RelatedPerson.class)).hasSize(2);
        RelatedPerson father = relative(tx, "FTH");
        assertThat(father.getNameFirstRep().getText()).isEqualTo("Lê Văn Tâm");
        assertThat(entryOf(tx, father).getRequest().getUrl()).endsWith("%2FXML7%2FFTH");
        RelatedPerson guardian = relative(tx, "GUARD");
        assertThat(entryOf(tx, guardian).getRequest().getUrl()).endsWith("%2FXML8%2FGUARD");
        assertThat(guardian.getNameFirstRep().getText()).isEqualTo("Lê Thị Hồng");
        assertThat(guardian.getIdentifier()).hasSize(1);

        Patient p = (Patient) tx.getEntryFirstRep().getResource();
        assertThat(tx.getEntryFirstRep().getRequest().getIfNoneExist()).startsWith("identifier=");
        assertThat(p.getContact()).singleElement().satisfies(c -> {
            assertThat(c.getRelationshipFirstRep().hasCoding(EpisodeRelations.CONTACT_ROLE, "E")).isTrue();
            assertThat(c.getOrganization().getDisplay()).isEqualTo("Công ty TNHH Minh Phát");
        });
    }

    @Test
    void theTemporaryCardIsACoverageCreatedUnlessOnFile() {
        MappedEpisode m = mapper.map(child(Map.of("MA_THE_TAM", "TE101790156734"), null));
        assertThat(m.describe(MessageLanguage.ENGLISH)).containsExactly(
                "XML7 STT 1 MA_THE_TAM: \"TE101790156734\" is not a health-insurance card number (2 letters, a digit 1-5, 12 digits)");

        Bundle tx = mapper.map(child(Map.of("MA_THE_TAM", "TE1017901567341"), Map.of("MA_THE_TAM", "TE1017901567341")))
                .transaction();
        List<Coverage> cards = all(tx, Coverage.class);
        Coverage temporary = cards.stream().filter(c -> "TE1017901567341".equals(c.getSubscriberId())).findFirst().orElseThrow();
        assertThat(cards).filteredOn(c -> "TE1017901567341".equals(c.getSubscriberId())).hasSize(1);
        assertThat(entryOf(tx, temporary).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(entryOf(tx, temporary).getRequest().getIfNoneExist())
                .isEqualTo("identifier=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fcore%2Fsid%2Finsurance_number%7CTE1017901567341");
        assertThat(temporary.getType().getText()).startsWith("Thẻ BHYT tạm thời");
        assertThat(temporary.getBeneficiary().getReference()).isEqualTo(tx.getEntryFirstRep().getFullUrl());
    }

    @Test
    void aParentIdentifierThatIsNeitherASocialInsuranceNumberNorACccdIsRefused() {
        assertThat(mapper.map(child(Map.of("MA_ME", "01234"), null)).describe(MessageLanguage.VIETNAMESE)).containsExactly(
                "XML7 STT 1 MA_ME: \"01234\" không phải mã số BHXH (10 chữ số) hay số CCCD (12 chữ số)");
    }

    @Test
    void xml4ResultsNameWhoReadThem() {
        Bundle tx = mapper.map(visits.get(0)).transaction();
        List<Observation> results = all(tx, Observation.class);
        assertThat(results).allSatisfy(o -> assertThat(o.getPerformer()).singleElement().satisfies(r -> {
            assertThat(r.getType()).isEqualTo("Practitioner");
            assertThat(r.getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
            assertThat(r.getIdentifier().getValue()).isEqualTo("0108765432");
        }));

        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, visits.get(0).rows(Xml130Table.XML1));
        Map<String, String> x4 = new HashMap<>(visits.get(0).rows(Xml130Table.XML4).get(0).columns());
        x4.put("MA_BS_DOC_KQ", "000123/HNO-CCHN;0108765432");
        e.add(Xml130Table.XML4, List.of(new Xml130Row(Xml130Table.XML4, 1, x4)));
        Observation read = all(mapper.map(e).transaction(), Observation.class).get(0);
        assertThat(read.getPerformer()).extracting(r -> r.getReference() + " " + r.getIdentifier().getValue())
                .containsExactly("Practitioner/bs-le-van-cuong null", "null 0108765432");

        x4.put("MA_BS_DOC_KQ", "BS Hòa");
        assertThat(mapper.map(e).describe(MessageLanguage.ENGLISH)).singleElement().asString()
                .startsWith("XML4 STT 1 MA_BS_DOC_KQ: \"BS Hòa\" is neither a social-insurance number");
    }

    @Test
    void xml2LinesCarryDosageFormDepartmentAndTheServiceTheDrugWasUsedIn() {
        Xml130Episode source = visits.get(0);
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        e.add(Xml130Table.XML3, source.rows(Xml130Table.XML3));
        List<Xml130Row> drugs = new ArrayList<>();
        for (Xml130Row r : source.rows(Xml130Table.XML2)) {
            Map<String, String> columns = new HashMap<>(r.columns());
            columns.put("MA_DICH_VU", drugs.isEmpty() ? "02.0085.1778" : "18.0192.0041");
            drugs.add(new Xml130Row(Xml130Table.XML2, r.position(), columns));
        }
        e.add(Xml130Table.XML2, drugs);
        MappedEpisode m = mapper.map(e);
        assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty();
        Bundle tx = m.transaction();
        List<MedicationRequest> lines = all(tx, MedicationRequest.class);

        MedicationRequest first = lines.get(0);
        assertThat(((CodeableConcept) first.getExtensionByUrl(Xml2MedicineLineMapper.DOSAGE_FORM).getValue()).getText())
                .isEqualTo("Viên nén bao phim");
        Reference department = (Reference) first.getExtensionByUrl(Xml2MedicineLineMapper.ORDERING_DEPARTMENT).getValue();
        assertThat(department.getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.DEPARTMENT_CODE);
        assertThat(department.getIdentifier().getValue()).isEqualTo("K03");
        Procedure ecg = all(tx, Procedure.class).stream()
                .filter(p -> p.getCode().hasCoding(Xml3ServiceLineMapper.TECHNICAL_SERVICE_SYSTEM, "02.0085.1778")).findFirst().orElseThrow();
        assertThat(first.getSupportingInformation()).extracting(Reference::getReference).containsExactly(entryOf(tx, ecg).getFullUrl());
        // a service the episode's XML3 does not list: named in a note
        assertThat(lines.get(1).hasSupportingInformation()).isFalse();
        assertThat(lines.get(1).getNoteFirstRep().getText()).isEqualTo(
                "Dùng trong dịch vụ kỹ thuật 18.0192.0041 Chụp cắt lớp vi tính lồng ngực có tiêm thuốc cản quang (từ 1- 32 dãy)");

        Map<String, String> wrong = new HashMap<>(drugs.get(0).columns());
        wrong.put("MA_KHOA", "Nội");
        Xml130Episode bad = new Xml130Episode("t.xml", "HOSO 1", "01001");
        bad.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        bad.add(Xml130Table.XML2, List.of(new Xml130Row(Xml130Table.XML2, 1, wrong)));
        assertThat(mapper.map(bad).describe(MessageLanguage.ENGLISH)).containsExactly(
                "XML2 STT 1 MA_KHOA: \"Nội\" is not a department code (K + 2 digits)");
    }

    @Test
    void xml13ReferralNamesItsSignerInAContainedProvenance() {
        Bundle tx = mapper.map(papers.get(1)).transaction();
        ServiceRequest s = all(tx, ServiceRequest.class).get(0);
        assertThat(s.getRelevantHistory()).extracting(Reference::getReference).containsExactly("#ky-giay");
        Provenance signed = (Provenance) s.getContained().get(0);
        assertThat(signed.getIdElement().getIdPart()).isEqualTo("ky-giay");
        assertThat(signed.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("LA");
        assertThat(signed.getAgentFirstRep().getWho().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
        assertThat(signed.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("0108123456");
        assertThat(signed.getAgentFirstRep().getOnBehalfOf().getIdentifier().getValue()).isEqualTo("01001");
        assertThat(signed.getTargetFirstRep().getIdentifier().getValue()).isEqualTo(s.getIdentifierFirstRep().getValue());
        assertThat(signed.getRecordedElement().getValueAsString()).isEqualTo("2026-10-11T16:00:00+07:00");
    }

    /** The first sample visit with its follow-up letter signed by the facility's head (MA_TTDV). */
    private static Xml130Episode signedFollowUp(String signer) {
        Xml130Episode source = visits.get(0);
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        e.add(Xml130Table.XML1, source.rows(Xml130Table.XML1));
        Map<String, String> x14 = new HashMap<>(source.rows(Xml130Table.XML14).get(0).columns());
        x14.put("MA_TTDV", signer);
        e.add(Xml130Table.XML14, List.of(new Xml130Row(Xml130Table.XML14, 1, x14)));
        return e;
    }

    @Test
    void xml14FollowUpNamesItsSignerAsAnInformationOnlyParticipant() {
        Appointment a = all(mapper.map(signedFollowUp("0108123456")).transaction(), Appointment.class).get(0);
        Appointment.AppointmentParticipantComponent signer = a.getParticipant().stream()
                .filter(p -> p.getTypeFirstRep().getCodingFirstRep().getCode() != null).findFirst().orElseThrow();
        assertThat(signer.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("LA");
        assertThat(signer.getRequired()).isEqualTo(Appointment.ParticipantRequired.INFORMATIONONLY);
        assertThat(signer.getActor().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER);
        assertThat(signer.getActor().getIdentifier().getValue()).isEqualTo("0108123456");
        assertThat(mapper.map(signedFollowUp("Giám đốc")).describe(MessageLanguage.ENGLISH)).containsExactly(
                "XML14 STT 1 MA_TTDV: \"Giám đốc\" is neither a social-insurance number (10 digits) nor a practising licence");
    }

    @Test
    void xml1TraditionalMedicineCodesStayTextOnThePrincipalDiagnosis() {
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        Map<String, String> x1 = new HashMap<>(visits.get(0).summary().columns());
        x1.put("MA_BENH_YHCT", "U62.081;U53.791");
        e.add(Xml130Table.XML1, List.of(new Xml130Row(Xml130Table.XML1, 1, x1)));
        List<Condition> conditions = all(mapper.map(e).transaction(), Condition.class);
        assertThat(conditions.get(0).getNoteFirstRep().getText())
                .isEqualTo("Mã bệnh y học cổ truyền (MA_BENH_YHCT): U62.081;U53.791");
        assertThat(conditions.get(0).getCode().getCoding()).hasSize(1);
        assertThat(conditions.get(1).hasNote()).isFalse();
    }

    @Test
    void theNewResourcesConformToTheGuide() {
        GuideValidator validator = GuideValidator.forShippedGuide(FhirContext.forR4Cached());
        List<MappedEpisode> mapped = List.of(
                mapper.map(child(Map.of("MA_CHA", "0109876543", "HO_TEN_CHA", "Lê Văn Tâm", "HO_TEN_ME", "Phạm Thị Ngọc",
                        "MA_THE_TAM", "TE1017901567341"), Map.of("NGUOI_GIAM_HO", "Lê Thị Hồng", "DON_VI", "Công ty TNHH Minh Phát"))),
                mapper.map(visits.get(0)), mapper.map(papers.get(1)), mapper.map(signedFollowUp("0108123456")));
        for (MappedEpisode m : mapped) {
            assertThat(m.describe(MessageLanguage.ENGLISH)).isEmpty();
            for (Bundle.BundleEntryComponent entry : m.transaction().getEntry()) {
                GuideValidation v = validator.validate(entry.getResource());
                assertThat(v.errors()).as(entry.getResource().fhirType() + ": " + v.errors().stream()
                        .map(f -> f.location() + " " + f.message(MessageLanguage.ENGLISH)).toList()).isEmpty();
            }
        }
    }
}
