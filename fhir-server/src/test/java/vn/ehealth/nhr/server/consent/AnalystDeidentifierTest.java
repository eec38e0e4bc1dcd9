package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ehealth.nhr.server.consent.AnalystDeidentifier.ADMINISTRATIVE_ADDRESS;
import static vn.ehealth.nhr.server.consent.AnalystDeidentifier.PSEUDONYM_SYSTEM;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.AN_CCCD;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.FHIR;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.example;

class AnalystDeidentifierTest {

    private static final byte[] KEY = "khoa-gia-danh-nhr-2026-analyst".getBytes(StandardCharsets.UTF_8);
    private static final AnalystDeidentifier DEID = new AnalystDeidentifier(KEY, FHIR);

    /** The guide's An (CCCD 001085012345, Hà Nội) with a birth date, district, state and narrative added. */
    private static Patient an() {
        Patient p = example(Patient.class, "Patient-nguyen-van-an.json");
        p.setId("Patient/123/_history/2"); // as read from the server
        p.getMeta().setVersionId("2").setSource("urn:nhr:facility:01001#req-77");
        p.setBirthDateElement(new DateType("1990-05-17"));
        p.getAddressFirstRep().setDistrict("Ba Đình").setState("Hà Nội").setPostalCode("118000");
        p.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue("nguyenvanan@gmail.com");
        p.addContact().addTelecom().setSystem(ContactPointSystem.PHONE).setValue("0987654321");
        p.setText(narrative("Nguyễn Văn An, 17/05/1990, Ba Đình"));
        return p;
    }

    private static Narrative narrative(String text) {
        Narrative n = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + text + "</div>");
        return n;
    }

    private static Patient deid(Patient p) {
        return (Patient) DEID.deidentify(p);
    }

    private static String json(org.hl7.fhir.instance.model.api.IBaseResource r) {
        return FHIR.newJsonParser().encodeResourceToString(r);
    }

    @Test
    void patientKeepsNoNameContactOrAddressBelowTheProvince() {
        Patient d = deid(an());
        assertThat(d.hasName()).isFalse();
        assertThat(d.hasTelecom()).isFalse();
        assertThat(d.hasContact()).isFalse();
        assertThat(d.getAddress()).hasSize(1);
        var address = d.getAddressFirstRep();
        assertThat(address.getState()).isEqualTo("Hà Nội");
        assertThat(address.getCountry()).isEqualTo("VN");
        assertThat(address.hasLine() || address.hasDistrict() || address.hasCity() || address.hasText()
                || address.hasPostalCode()).isFalse();
        Extension administrative = address.getExtensionByUrl(ADMINISTRATIVE_ADDRESS);
        assertThat(administrative.getExtension()).extracting(Extension::getUrl).containsExactly("state");
        assertThat(((CodeableConcept) administrative.getExtensionByUrl("state").getValue()).getCodingFirstRep().getCode())
                .isEqualTo("01");
        assertThat(d.getGender()).isEqualTo(AdministrativeGender.MALE);
        String text = json(d);
        assertThat(text).doesNotContain("Nguyễn", "Văn An", "0912345678", "0987654321", "gmail", "Phúc Xá",
                "Ba Đình", "00001", "118000", "1990-05-17", AN_CCCD, "GD4010112345678", "req-77");
    }

    @Test
    void birthAndDeathDatesKeepOnlyTheYear() {
        Patient p = an();
        p.setDeceased(new DateTimeType("2026-03-04T10:15:00+07:00"));
        Patient d = deid(p);
        assertThat(d.getBirthDateElement().getValueAsString()).isEqualTo("1990");
        assertThat(d.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2026");
    }

    @Test
    void theCccdBecomesTheOnlyIdentifier_aStableKeyedPseudonym() {
        Patient d = deid(an());
        assertThat(d.getIdentifier()).hasSize(1);
        Identifier id = d.getIdentifierFirstRep();
        assertThat(id.getSystem()).isEqualTo(PSEUDONYM_SYSTEM);
        assertThat(id.getValue()).isEqualTo(DEID.pseudonym(AN_CCCD)).matches("[a-z2-7]{26}");

        assertThat(deid(an()).getIdentifierFirstRep().getValue()).isEqualTo(id.getValue());
        var otherKey = new AnalystDeidentifier("another-deployment-secret-key".getBytes(StandardCharsets.UTF_8), FHIR);
        assertThat(((Patient) otherKey.deidentify(an())).getIdentifierFirstRep().getValue()).isNotEqualTo(id.getValue());
    }

    @Test
    void aPatientWithoutCccdIsLinkedByItsPseudonymousId() {
        Patient p = an();
        p.getIdentifier().removeIf(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()));
        Patient d = deid(p);
        assertThat(d.getIdentifier()).singleElement()
                .satisfies(i -> assertThat(i.getValue()).isEqualTo(DEID.pseudonym("Patient/123")));
    }

    @Test
    void theIdIsPseudonymousAndKeepsTypeAndVersion_metaSourceGoes() {
        Patient d = deid(an());
        assertThat(d.getIdElement().getResourceType()).isEqualTo("Patient");
        assertThat(d.getIdElement().getIdPart()).isEqualTo("pseudo-" + DEID.pseudonym("Patient/123"));
        assertThat(d.getIdElement().getVersionIdPart()).isEqualTo("2");
        assertThat(d.getMeta().getVersionId()).isEqualTo("2");
        assertThat(d.getMeta().hasSource()).isFalse();
        assertThat(d.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly("http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-patient");
    }

    @Test
    void theOriginalIsNotChanged() {
        Patient p = an();
        String before = json(p);
        DEID.deidentify(p);
        assertThat(json(p)).isEqualTo(before);
    }

    @Test
    void anEncounterPointsToThePseudonymousPatient_withoutTheName() {
        Encounter e = example(Encounter.class, "Encounter-an-2026-noi-tru.json");
        e.setSubject(new Reference("Patient/123").setDisplay("Nguyễn Văn An"));
        e.getParticipantFirstRep().setIndividual(new Reference("https://fhir.ehealth.gov.vn/nhr/fhir/Patient/123/_history/2"));
        Encounter d = (Encounter) DEID.deidentify(e);
        String pseudonymousId = deid(an()).getIdElement().getIdPart();
        assertThat(d.getSubject().getReference()).isEqualTo("Patient/" + pseudonymousId).startsWith("Patient/pseudo-");
        assertThat(d.getSubject().hasDisplay()).isFalse();
        assertThat(d.getParticipantFirstRep().getIndividual().getReference())
                .isEqualTo("https://fhir.ehealth.gov.vn/nhr/fhir/Patient/" + pseudonymousId + "/_history/2");
        // references to others are untouched, displays included: the guide's facility and doctor
        assertThat(d.getServiceProvider().getReference()).isEqualTo(e.getServiceProvider().getReference());
        assertThat(d.getDiagnosisFirstRep().getCondition().getDisplay()).isEqualTo(e.getDiagnosisFirstRep().getCondition().getDisplay());
        assertThat(json(d)).doesNotContain("Nguyễn Văn An", "Patient/123");
    }

    @Test
    void aReferenceByCccdCarriesThePseudonymInstead() {
        Observation o = new Observation();
        o.setSubject(new Reference().setType("Patient").setDisplay("Nguyễn Văn An")
                .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(AN_CCCD)));
        Observation d = (Observation) DEID.deidentify(o);
        Identifier id = d.getSubject().getIdentifier();
        assertThat(id.getSystem()).isEqualTo(PSEUDONYM_SYSTEM);
        assertThat(id.getValue()).isEqualTo(deid(an()).getIdentifierFirstRep().getValue());
        assertThat(d.getSubject().hasDisplay()).isFalse();
    }

    @Test
    void relatedPersonReferencesAreRemoved() {
        Observation o = new Observation();
        o.addPerformer(new Reference("RelatedPerson/me-cua-an").setDisplay("Lê Thị Hoa"));
        Observation d = (Observation) DEID.deidentify(o);
        assertThat(json(d)).doesNotContain("me-cua-an", "Lê Thị Hoa");
    }

    @Test
    void aRelativeKeepsTheRoleAndThePseudonymousPatientOnly() {
        // a father as a QĐ 130 discharge paper names him (XML7 MA_CHA, HO_TEN_CHA)
        RelatedPerson father = new RelatedPerson().setActive(true);
        father.setId("RelatedPerson/cha-cua-an");
        father.addIdentifier().setSystem(NhrIdentifierSystems.SOCIAL_INSURANCE_NUMBER).setValue("0109876543");
        father.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue("001060012345");
        father.addName().setText("Nguyễn Văn Bình");
        father.addTelecom().setSystem(ContactPointSystem.PHONE).setValue("0912000111");
        father.setBirthDateElement(new DateType("1960-02-03"));
        father.setPatient(new Reference("Patient/123").setDisplay("Nguyễn Văn An"));
        father.addRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "FTH", "father")));

        RelatedPerson d = (RelatedPerson) DEID.deidentify(father);
        assertThat(json(d)).doesNotContain("0109876543", "001060012345", "Nguyễn Văn Bình", "0912000111", "1960-02", "Nguyễn Văn An");
        assertThat(d.getBirthDateElement().getValueAsString()).isEqualTo("1960");
        assertThat(d.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("FTH");
        assertThat(d.getPatient().getReference()).startsWith("Patient/" + AnalystDeidentifier.PSEUDONYMOUS_ID_PREFIX);
    }

    @Test
    void aBundleStaysConsistent() {
        Patient p = an();
        Observation o = new Observation();
        o.setId("huyet-ap-1");
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", "Blood pressure panel")));
        o.setSubject(new Reference("Patient/123").setDisplay("Nguyễn Văn An"));
        Bundle b = new Bundle().setType(BundleType.SEARCHSET);
        b.addEntry().setFullUrl("https://fhir.ehealth.gov.vn/nhr/fhir/Patient/123").setResource(p);
        b.addEntry().setFullUrl("https://fhir.ehealth.gov.vn/nhr/fhir/Observation/huyet-ap-1").setResource(o);

        Bundle d = (Bundle) DEID.deidentify(b);
        Patient dp = (Patient) d.getEntry().get(0).getResource();
        Observation dObs = (Observation) d.getEntry().get(1).getResource();
        String pseudonymousId = dp.getIdElement().getIdPart();
        assertThat(pseudonymousId).startsWith("pseudo-");
        assertThat(d.getEntry().get(0).getFullUrl()).isEqualTo("https://fhir.ehealth.gov.vn/nhr/fhir/Patient/" + pseudonymousId);
        assertThat(dObs.getSubject().getReference()).isEqualTo("Patient/" + pseudonymousId);
        assertThat(dObs.getSubject().hasDisplay()).isFalse();
        assertThat(dp.hasName()).isFalse();
        assertThat(d.getEntry().get(1).getFullUrl()).endsWith("Observation/huyet-ap-1");
        assertThat(json(d)).doesNotContain("Nguyễn", AN_CCCD, "Patient/123");
    }

    @Test
    void aStoredDocumentLosesTheTagNamingItsOwner() {
        Bundle document = new Bundle().setType(BundleType.DOCUMENT);
        document.getMeta().addTag(RecordCompartments.DOCUMENT_SUBJECT_TAG, "Patient/123", null);
        document.addEntry().setFullUrl("https://his.example.vn/fhir/Patient/p1").setResource(an());

        Bundle d = (Bundle) DEID.deidentify(document);

        assertThat(d.getMeta().getTag()).isEmpty();
        assertThat(json(d)).doesNotContain("Patient/123", AN_CCCD);
    }

    @Test
    void narrativesAreRemovedFromEveryResourceAndContainedPatientsAreDeidentified() {
        Encounter e = example(Encounter.class, "Encounter-an-2026-noi-tru.json");
        e.setText(narrative("Nguyễn Văn An nhập viện 01/10/2026"));
        Patient inner = an();
        inner.setId("p1");
        e.addContained(inner);
        e.setSubject(new Reference("#p1").setDisplay("Nguyễn Văn An"));
        Encounter d = (Encounter) DEID.deidentify(e);
        assertThat(d.hasText()).isFalse();
        assertThat(d.getContained()).singleElement().satisfies(r -> {
            assertThat(((Patient) r).hasName()).isFalse();
            assertThat(((Patient) r).hasText()).isFalse();
        });
        assertThat(d.getSubject().getReference()).isEqualTo("#p1");
        assertThat(d.getSubject().hasDisplay()).isFalse();
        assertThat(json(d)).doesNotContain("Nguyễn", AN_CCCD);
    }

    @Test
    void theNewbornsMotherExtensionIsRemoved_populationExtensionsStay() {
        Patient baby = deid(example(Patient.class, "Patient-con-ba-tran-thi-bich.json"));
        assertThat(baby.getExtension()).isEmpty();
        assertThat(json(baby)).doesNotContain("tran-thi-bich", "Trần Thị Bích", "26734", "Tân Định");
        assertThat(baby.getBirthDateElement().getValueAsString()).isEqualTo("2026");
        assertThat(baby.getAddressFirstRep().getExtensionByUrl(ADMINISTRATIVE_ADDRESS).getExtension())
                .extracting(Extension::getUrl).containsExactly("state");

        Patient an = deid(an());
        assertThat(an.getExtension()).extracting(Extension::getUrl).containsExactly(
                "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-race",
                "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-nationality",
                "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-occupation",
                "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-registered-primary-care");
    }

    @Test
    void otherPersonIdentifiersAreBlankedWhereverTheyAppear() {
        Observation o = new Observation();
        o.setSubject(new Reference().setIdentifier(new Identifier()
                .setSystem(NhrIdentifierSystems.INSURANCE_NUMBER).setValue("GD4010112345678")).setDisplay("Nguyễn Văn An"));
        o.addNote().setText("đo tại nhà");
        Observation d = (Observation) DEID.deidentify(o);
        assertThat(json(d)).doesNotContain("GD4010112345678", "Nguyễn Văn An").contains("đo tại nhà");
    }

    @Test
    void pseudonymsAreDeterministicPerKey() {
        assertThat(DEID.pseudonym(AN_CCCD)).isEqualTo(new AnalystDeidentifier(KEY.clone(), FHIR).pseudonym(AN_CCCD))
                .hasSize(26).matches("[a-z2-7]+");
        assertThat(DEID.pseudonym(AN_CCCD)).isNotEqualTo(DEID.pseudonym("079301004567"));
    }

    @Test
    void aShortKeyIsRefused_andNullGivesNull() {
        assertThatThrownBy(() -> new AnalystDeidentifier("ngan-qua".getBytes(StandardCharsets.UTF_8), FHIR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new AnalystDeidentifier(null, FHIR)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DEID.deidentify(null)).isNull();
    }
}
