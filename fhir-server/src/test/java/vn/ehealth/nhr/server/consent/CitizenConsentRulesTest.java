package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.consent.ConsentDecision.Basis;
import vn.ehealth.nhr.server.consent.ConsentDecision.Obligation;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.*;

class CitizenConsentRulesTest {

    private static final CitizenConsentRules RULES = CitizenConsentRules.shipped(FHIR);
    /** 15/12/2026 10:00 Hà Nội: inside every example consent's period. */
    private static final Instant DEC_15 = at("2026-12-15T10:00:00+07:00");

    private static ConsentDecision decide(Accessor who, RecordOwner owner, Instant when, List<Consent> consents, IBaseResource r) {
        return RULES.decide(AccessRequest.of(who, owner, when), consents, r);
    }

    private static void assertNamesConsentAndProvision(ConsentDecision d, String consentId, String provision) {
        assertThat(d.consentId()).isEqualTo(consentId);
        assertThat(d.provision()).isEqualTo(provision);
        assertThat(d.vietnamese()).contains(consentId).contains(provision);
        assertThat(d.english()).contains(consentId).contains(provision);
    }

    @Test
    void anPermitsBachMai_soBachMaiSeesHisEncounter() {
        ConsentDecision d = decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(anPermitsBachMai()), anEncounter());
        assertThat(d.permitted()).isTrue();
        assertThat(d.basis()).isEqualTo(Basis.CONSENT_PERMIT);
        assertNamesConsentAndProvision(d, "Consent/an-cho-phep-bach-mai", "provision");
        assertThat(d.vietnamese()).contains("Bệnh viện Bạch Mai").contains("26/11/2026–25/11/2027").contains("Encounter/an-2026-noi-tru");
        assertThat(d.message("en")).contains("permits");
    }

    @Test
    void choRayHasNoConsent_soItDoesNotSeeAnsEncounter() {
        ConsentDecision d = decide(Accessor.facility(CHO_RAY), AN, DEC_15, List.of(anPermitsBachMai()), anEncounter());
        assertThat(d.permitted()).isFalse();
        assertThat(d.basis()).isEqualTo(Basis.NO_APPLICABLE_CONSENT);
        assertThat(d.english()).contains("facility 79001").contains("Consent/an-cho-phep-bach-mai")
                .contains("does not cover this accessor");
    }

    @Test
    void aFacilityAlwaysSeesWhatItWrote() {
        IBaseResource encounter = anEncounter();
        ((org.hl7.fhir.r4.model.Resource) encounter).getMeta().setSource("urn:nhr:facility:79001#req-7f3a");
        ConsentDecision d = decide(Accessor.emrSystem(CHO_RAY), AN, DEC_15, List.of(), encounter);
        assertThat(d.basis()).isEqualTo(Basis.AUTHORED_BY_FACILITY);
        assertThat(d.permitted()).isTrue();
        // a practitioner of that facility too
        assertThat(decide(Accessor.practitioner(DR_DUNG, CHO_RAY), AN, DEC_15, List.of(), encounter).basis())
                .isEqualTo(Basis.AUTHORED_BY_FACILITY);
        // but not another facility; the source is what counts, not serviceProvider
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(), encounter).basis())
                .isEqualTo(Basis.NO_APPLICABLE_CONSENT);
    }

    @Test
    void bichDeniesChoRayReproductiveHealth_deliveryHiddenButGastroenteritisShown() {
        List<Consent> consents = List.of(bichPermitsChoRayAll(), bichDeniesChoRayReproductiveHealth());
        ConsentDecision delivery = decide(Accessor.facility(CHO_RAY), BICH, DEC_15, consents, bichDelivery());
        assertThat(delivery.permitted()).isFalse();
        assertThat(delivery.basis()).isEqualTo(Basis.CONSENT_DENY);
        assertNamesConsentAndProvision(delivery, "Consent/bich-tu-choi-cho-ray-suc-khoe-sinh-san", "provision");
        assertThat(delivery.vietnamese()).contains("Sức khỏe sinh sản");

        ConsentDecision gastro = decide(Accessor.facility(CHO_RAY), BICH, DEC_15, consents, bichGastroenteritis());
        assertThat(gastro.permitted()).isTrue();
        assertNamesConsentAndProvision(gastro, "Consent/bich-cho-phep-cho-ray", "provision");
    }

    @Test
    void bichsDenyAloneDoesNotPermitAnything() {
        ConsentDecision d = decide(Accessor.facility(CHO_RAY), BICH, DEC_15,
                List.of(bichDeniesChoRayReproductiveHealth()), bichGastroenteritis());
        assertThat(d.basis()).isEqualTo(Basis.NO_APPLICABLE_CONSENT);
    }

    @Test
    void anPermitsDrDungEverythingExceptSensitive_depressionHidden() {
        Accessor dung = Accessor.practitioner(DR_DUNG, CHO_RAY);
        List<Consent> consents = List.of(anPermitsDrDungExceptSensitive());
        ConsentDecision depression = decide(dung, AN, DEC_15, consents, anDepression());
        assertThat(depression.permitted()).isFalse();
        assertThat(depression.basis()).isEqualTo(Basis.CONSENT_DENY);
        assertNamesConsentAndProvision(depression, "Consent/an-cho-phep-bs-dung-tru-du-lieu-nhay-cam", "provision.provision[0]");
        assertThat(depression.vietnamese()).contains("Dữ liệu sức khỏe nhạy cảm").contains("ThS.BS. Phạm Thị Dung");

        ConsentDecision pneumonia = decide(dung, AN, DEC_15, consents, anPneumonia());
        assertThat(pneumonia.permitted()).isTrue();
        assertNamesConsentAndProvision(pneumonia, "Consent/an-cho-phep-bs-dung-tru-du-lieu-nhay-cam", "provision");
        // the consent names her licence, not her facility: a colleague at Chợ Rẫy gets nothing
        assertThat(decide(Accessor.practitioner("001234/HCM-CCHN", CHO_RAY), AN, DEC_15, consents, anPneumonia()).permitted()).isFalse();
    }

    @Test
    void sensitiveDataNeedsAnExplicitPermitEvenWhenAllIsPermitted() {
        ConsentDecision d = decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(anPermitsBachMai()), anDepression());
        assertThat(d.permitted()).isFalse();
        assertThat(d.basis()).isEqualTo(Basis.SENSITIVE_NOT_EXPLICITLY_PERMITTED);
        assertNamesConsentAndProvision(d, "Consent/an-cho-phep-bach-mai", "provision");
        assertThat(d.english()).contains("Mental health").contains("F32.1");

        Consent mentalHealth = anPermitsBachMai();
        mentalHealth.setId("an-cho-phep-bach-mai-tam-than");
        mentalHealth.getProvision().getCodeFirstRep().getCodingFirstRep().setCode("mental-health");
        ConsentDecision explicit = decide(Accessor.facility(BACH_MAI), AN, DEC_15,
                List.of(anPermitsBachMai(), mentalHealth), anDepression());
        assertThat(explicit.permitted()).isTrue();
        assertNamesConsentAndProvision(explicit, "Consent/an-cho-phep-bach-mai-tam-than", "provision");
        // "mental-health" alone does not open his encounters
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(mentalHealth), anEncounter()).permitted()).isFalse();
    }

    @Test
    void expiredConsentDenies_periodEndsAtMidnightHanoiTime() {
        Accessor dung = Accessor.practitioner(DR_DUNG, CHO_RAY);
        List<Consent> consents = List.of(anPermitsDrDungExceptSensitive());
        assertThat(decide(dung, AN, at("2026-12-31T23:59:00+07:00"), consents, anPneumonia()).permitted()).isTrue();
        ConsentDecision expired = decide(dung, AN, at("2027-01-01T00:00:00+07:00"), consents, anPneumonia());
        assertThat(expired.permitted()).isFalse();
        assertThat(expired.basis()).isEqualTo(Basis.NO_APPLICABLE_CONSENT);
        assertThat(expired.english()).contains("Consent/an-cho-phep-bs-dung-tru-du-lieu-nhay-cam").contains("outside its period 27/11/2026–31/12/2026");
        assertThat(decide(dung, AN, at("2026-11-26T23:00:00+07:00"), consents, anPneumonia()).permitted()).isFalse();
    }

    @Test
    void inactiveConsentIsIgnored() {
        Consent withdrawn = anPermitsBachMai().setStatus(Consent.ConsentState.INACTIVE);
        ConsentDecision d = decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(withdrawn), anEncounter());
        assertThat(d.permitted()).isFalse();
        assertThat(d.basis()).isEqualTo(Basis.NO_APPLICABLE_CONSENT);
        assertThat(d.vietnamese()).contains("Consent/an-cho-phep-bach-mai: trạng thái inactive");
    }

    @Test
    void anotherCitizensConsentIsIgnored() {
        ConsentDecision d = decide(Accessor.facility(CHO_RAY), AN, DEC_15, List.of(bichPermitsChoRayAll()), anEncounter());
        assertThat(d.basis()).isEqualTo(Basis.NO_APPLICABLE_CONSENT);
        assertThat(d.english()).contains("another citizen's");
    }

    @Test
    void theCitizenSeesEverythingOfTheirOwnAndNothingElse() {
        for (IBaseResource r : List.of(anEncounter(), anDepression(), anPneumonia())) {
            ConsentDecision d = decide(Accessor.citizen(AN_CCCD), AN, DEC_15, List.of(), r);
            assertThat(d.permitted()).isTrue();
            assertThat(d.basis()).isEqualTo(Basis.OWN_RECORD);
        }
        ConsentDecision other = decide(Accessor.citizen(BICH_CCCD), AN, DEC_15, List.of(anPermitsBachMai()), anEncounter());
        assertThat(other.permitted()).isFalse();
        assertThat(other.basis()).isEqualTo(Basis.NOT_OWN_RECORD);
    }

    @Test
    void breakTheGlassPermitsWithTheReasonAndIsFlagged() {
        AccessRequest emergency = AccessRequest.of(Accessor.practitioner(DR_DUNG, CHO_RAY), AN, DEC_15)
                .breakingTheGlass("Bệnh nhân hôn mê nhập cấp cứu, cần tiền sử dùng thuốc");
        ConsentDecision d = RULES.decide(emergency, List.of(anPermitsDrDungExceptSensitive()), anDepression());
        assertThat(d.permitted()).isTrue();
        assertThat(d.breakTheGlass()).isTrue();
        assertThat(d.emergency()).contains("Bệnh nhân hôn mê nhập cấp cứu, cần tiền sử dùng thuốc");
        assertThat(d.obligations()).containsExactly(Obligation.AUDIT_PROMINENTLY);
        // the decision still says which provision it overrode
        assertNamesConsentAndProvision(d, "Consent/an-cho-phep-bs-dung-tru-du-lieu-nhay-cam", "provision.provision[0]");

        ConsentDecision noConsent = RULES.decide(emergency, List.of(), anEncounter());
        assertThat(noConsent.breakTheGlass()).isTrue();
        assertThat(noConsent.english()).contains("No consent of the citizen in force");
    }

    @Test
    void breakTheGlassNeedsAReasonAndAClinician() {
        AccessRequest plain = AccessRequest.of(Accessor.practitioner(DR_DUNG, CHO_RAY), AN, DEC_15);
        assertThatThrownBy(() -> plain.breakingTheGlass("  ")).isInstanceOf(IllegalArgumentException.class);
        AccessRequest forged = AccessRequest.of(Accessor.emrSystem(CHO_RAY), AN, DEC_15).breakingTheGlass("cấp cứu");
        ConsentDecision d = RULES.decide(forged, List.of(), anEncounter());
        assertThat(d.permitted()).isFalse();
        assertThat(d.basis()).isEqualTo(Basis.BREAK_THE_GLASS_NOT_ALLOWED);
    }

    @Test
    void analystsGetDeIdentifiedDataAndAdministratorReadsAreAudited() {
        ConsentDecision analyst = decide(Accessor.analyst(), AN, DEC_15, List.of(), anDepression());
        assertThat(analyst.permitted()).isTrue();
        assertThat(analyst.obligations()).containsExactly(Obligation.DE_IDENTIFY);
        ConsentDecision admin = decide(Accessor.administrator(), AN, DEC_15, List.of(), anDepression());
        assertThat(admin.permitted()).isTrue();
        assertThat(admin.obligations()).containsExactly(Obligation.AUDIT_PROMINENTLY);
    }

    @Test
    void deepestProvisionWins_andDenyBeatsPermitAtTheSameDepth() {
        // Bích: nobody may see anything, except Bạch Mai (nested permit), except her diagnoses (deeper deny)
        Consent c = bichDeniesChoRayReproductiveHealth();
        c.setId("bich-chi-bach-mai");
        ProvisionComponent root = c.getProvision();
        root.getActor().clear();
        root.getCodeFirstRep().getCodingFirstRep().setCode("all");
        ProvisionComponent bachMai = root.addProvision().setType(ConsentProvisionType.PERMIT);
        bachMai.addActor().setReference(new Reference().setIdentifier(
                new Identifier().setSystem("http://fhir.ehealth.gov.vn/nhr/sid/facility-code").setValue(BACH_MAI)));
        bachMai.addProvision().setType(ConsentProvisionType.DENY).addCode().addCoding(
                new Coding(DataCategoryCatalogue.SYSTEM, "diagnoses", null));
        List<Consent> consents = List.of(c);

        Condition gastro = bichGastroenteritis();
        ConsentDecision choRay = decide(Accessor.facility(CHO_RAY), BICH, DEC_15, consents, gastro);
        assertThat(choRay.basis()).isEqualTo(Basis.CONSENT_DENY);
        assertThat(choRay.provision()).isEqualTo("provision");
        IBaseResource encounter = example(org.hl7.fhir.r4.model.Encounter.class, "Encounter-bich-2026-ngoai-tru.json");
        ConsentDecision bmEncounter = decide(Accessor.facility(BACH_MAI), BICH, DEC_15, consents, encounter);
        assertThat(bmEncounter.permitted()).isTrue();
        assertThat(bmEncounter.provision()).isEqualTo("provision.provision[0]");
        ConsentDecision bmDiagnosis = decide(Accessor.facility(BACH_MAI), BICH, DEC_15, consents, gastro);
        assertThat(bmDiagnosis.permitted()).isFalse();
        assertThat(bmDiagnosis.provision()).isEqualTo("provision.provision[0].provision[0]");

        // a sibling deny at the same depth beats the permit
        root.addProvision().setType(ConsentProvisionType.DENY).addCode().addCoding(
                new Coding(DataCategoryCatalogue.SYSTEM, "encounters", null));
        ConsentDecision sameDepth = decide(Accessor.facility(BACH_MAI), BICH, DEC_15, consents, encounter);
        assertThat(sameDepth.permitted()).isFalse();
        assertThat(sameDepth.provision()).isEqualTo("provision.provision[1]");
    }

    @Test
    void aDenyingConsentOverridesAPermittingOne() {
        Consent deny = anPermitsBachMai();
        deny.setId("an-tu-choi-bach-mai");
        deny.getProvision().setType(ConsentProvisionType.DENY);
        ConsentDecision d = decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(anPermitsBachMai(), deny), anEncounter());
        assertThat(d.permitted()).isFalse();
        assertNamesConsentAndProvision(d, "Consent/an-tu-choi-bach-mai", "provision");
    }

    @Test
    void provisionsForOtherActionsOrResourceTypesDoNotApply() {
        Consent disclose = anPermitsBachMai();
        disclose.getProvision().getActionFirstRep().getCodingFirstRep().setCode("disclose");
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(disclose), anEncounter()).permitted()).isFalse();

        Consent onlyConditions = anPermitsBachMai();
        onlyConditions.getProvision().addClass_(new Coding("http://hl7.org/fhir/resource-types", "Condition", null));
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(onlyConditions), anEncounter()).permitted()).isFalse();
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(onlyConditions), anPneumonia()).permitted()).isTrue();
    }

    @Test
    void consentNamingTheCitizenOnlyByCccdCounts() {
        Consent byCccd = anPermitsBachMai();
        byCccd.getPatient().setReference(null);
        assertThat(decide(Accessor.facility(BACH_MAI), AN, DEC_15, List.of(byCccd), anEncounter()).permitted()).isTrue();
    }

    @Test
    void authoringFacilityIsReadFromMetaSource() {
        Condition c = anPneumonia();
        assertThat(CitizenConsentRules.authoringFacility(c)).isEmpty();
        c.getMeta().setSource("urn:nhr:facility:01001");
        assertThat(CitizenConsentRules.authoringFacility(c)).contains("01001");
        c.getMeta().setSource("https://emr.benhvien.vn#abc");
        assertThat(CitizenConsentRules.authoringFacility(c)).isEmpty();
    }
}
