package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.ScopeRestrictionMatcher;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.FHIR;

/** The per-resource rules alone: the guide's example records, Consents looked up without a database. */
class RecordAccessRulesTest {

    private List<Consent> consents = List.of();
    private final CitizenRecordLookup lookup = new CitizenRecordLookup(null) {
        @Override
        public Set<String> patientIdsOfCitizen(String cccd) {
            return ConsentFixtures.AN_CCCD.equals(cccd) ? Set.of("nguyen-van-an") : Set.of("tran-thi-bich");
        }

        @Override
        public Optional<String> cccdOfPatient(String patientId) {
            return Optional.of("nguyen-van-an".equals(patientId) ? ConsentFixtures.AN_CCCD : ConsentFixtures.BICH_CCCD);
        }

        @Override
        public List<Consent> activeConsents(String patientId) {
            return consents;
        }
    };
    private final RecordAccessRules rules = new RecordAccessRules(CitizenConsentRules.shipped(FHIR), new RecordCompartments(FHIR),
            lookup, FHIR, Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC), new ScopeRestrictionMatcher(null));

    private static ServletRequestDetails request() {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServletRequest(new MockHttpServletRequest());
        return request;
    }

    private static AccessContext caller(Accessor accessor, String scopes) {
        return new AccessContext(accessor, SmartScopes.parse(scopes), "s", "c", "u", null, null, AccessContext.Mode.SIGNED_IN);
    }

    private Encounter anEncounterBy(String facility) {
        Encounter e = (Encounter) ConsentFixtures.anEncounter();
        e.getMeta().setSource(CitizenConsentRules.FACILITY_SOURCE_PREFIX + facility);
        return e;
    }

    @Test
    void aCitizenSeesTheirOwnRecordOnly() {
        AccessContext an = caller(Accessor.citizen(ConsentFixtures.AN_CCCD), "patient/*.rs");
        assertThat(rules.judge(request(), an, anEncounterBy("01001")).permitted()).isTrue();
        AccessContext bich = caller(Accessor.citizen(ConsentFixtures.BICH_CCCD), "patient/*.rs");
        assertThat(rules.judge(request(), bich, anEncounterBy("01001")).rule()).isEqualTo("nhr-consent-not-own-record");
    }

    @Test
    void aFacilitySeesWhatItWroteAndOtherFacilitiesDataOnlyWithConsent() {
        AccessContext choRay = caller(Accessor.emrSystem("79001"), "system/*.rs");
        assertThat(rules.judge(request(), choRay, anEncounterBy("79001")).permitted()).isTrue();
        RecordAccessRules.Verdict refused = rules.judge(request(), choRay, anEncounterBy("01001"));
        assertThat(refused.rule()).isEqualTo("nhr-consent-none-applicable");
        assertThat(refused.vietnamese()).contains("Sổ Sức khỏe điện tử");
        assertThat(refused.english()).contains("ETREAT");

        Consent permit = ConsentFixtures.anPermitsBachMai();
        permit.getProvision().getActorFirstRep().getReference().getIdentifier().setValue("79001");
        consents = List.of(permit);
        assertThat(rules.judge(request(), choRay, anEncounterBy("01001")).permitted()).isTrue();
    }

    @Test
    void whatIsReadAboutAPatientNeedsThatPatientsConsentNotAnotherParticipants() {
        // An's pneumonia, written by Bạch Mai, as his wife Bích reported it: in both compartments, about An
        Condition reported = ConsentFixtures.anPneumonia();
        reported.getMeta().setSource(CitizenConsentRules.FACILITY_SOURCE_PREFIX + "01001");
        reported.setAsserter(new Reference("Patient/tran-thi-bich"));
        consents = List.of(ConsentFixtures.bichPermitsChoRayAll());
        AccessContext choRay = caller(Accessor.emrSystem("79001"), "system/*.rs");
        assertThat(rules.owners(reported)).containsExactlyInAnyOrder("nguyen-van-an", "tran-thi-bich");
        assertThat(rules.judge(request(), choRay, reported).permitted()).as("Bích's Consent does not share An's record").isFalse();
        // Bích's own record is shared by it
        Condition hers = ConsentFixtures.anPneumonia();
        hers.getMeta().setSource(CitizenConsentRules.FACILITY_SOURCE_PREFIX + "01001");
        hers.setSubject(new Reference("Patient/tran-thi-bich"));
        assertThat(rules.judge(request(), choRay, hers).permitted()).isTrue();
        // and Bích, as a citizen, still sees what sits in her compartment
        AccessContext bich = caller(Accessor.citizen(ConsentFixtures.BICH_CCCD), "patient/*.rs");
        assertThat(rules.judge(request(), bich, reported).permitted()).isTrue();
    }

    @Test
    void aSecurityLabelMakesARecordSensitive() {
        Consent permit = ConsentFixtures.anPermitsBachMai();
        consents = List.of(permit); // Bạch Mai, category "all"
        Encounter labelled = anEncounterBy("79001");
        labelled.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", null));
        assertThat(rules.judge(request(), caller(Accessor.emrSystem("01001"), "system/*.rs"), labelled).rule())
                .isEqualTo("nhr-consent-sensitive-not-explicit");
        Encounter restricted = anEncounterBy("79001");
        restricted.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", null));
        assertThat(rules.judge(request(), caller(Accessor.emrSystem("01001"), "system/*.rs"), restricted).rule())
                .isEqualTo("nhr-consent-sensitive-not-explicit");
    }

    @Test
    void scopesDecideTheTypesEvenForWhatTheFacilityWrote() {
        AccessContext onlyObservations = caller(Accessor.practitioner("L1", "79001"), "user/Observation.rs");
        assertThat(rules.judge(request(), onlyObservations, anEncounterBy("79001")).rule()).isEqualTo("nhr-smart-scope-insufficient");
    }

    @Test
    void catalogueDirectoryAndAccessLogs() {
        assertThat(rules.judge(request(), AccessContext.anonymous(), new CodeSystem()).permitted()).isTrue();
        assertThat(rules.judge(request(), AccessContext.anonymous(), new Organization()).permitted()).isFalse();
        assertThat(rules.judge(request(), caller(Accessor.citizen(ConsentFixtures.AN_CCCD), "patient/*.rs"), new Organization())
                .permitted()).isTrue();
        AuditEvent log = new AuditEvent();
        log.addEntity().setWhat(new Reference("Patient/nguyen-van-an"));
        assertThat(rules.judge(request(), caller(Accessor.citizen(ConsentFixtures.AN_CCCD), "patient/*.rs"), log).permitted()).isTrue();
        assertThat(rules.judge(request(), caller(Accessor.emrSystem("01001"), "system/*.rs"), log).rule())
                .isEqualTo("nhr-access-audit-log-private");
    }

    @Test
    void anAnalystSeesEverythingAndAnAdministratorToo() {
        assertThat(rules.judge(request(), caller(Accessor.analyst(), "user/*.rs"), anEncounterBy("01001")).permitted()).isTrue();
        assertThat(rules.judge(request(), caller(Accessor.administrator(), ""), anEncounterBy("01001")).permitted()).isTrue();
    }
}
