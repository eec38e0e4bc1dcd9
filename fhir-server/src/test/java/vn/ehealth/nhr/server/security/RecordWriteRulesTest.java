package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write rules alone, with the caller put on the request as the token would. */
class RecordWriteRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** Lookups without a database: An's Patient is "an"; Organization/cr is Chợ Rẫy. */
    private static final CitizenRecordLookup LOOKUP = new CitizenRecordLookup(null) {
        @Override
        public Set<String> patientIdsOfCitizen(String cccd) {
            return "001085012345".equals(cccd) ? Set.of("an") : Set.of();
        }

        @Override
        public Optional<String> facilityCodeOfOrganization(String organizationId) {
            return "cr".equals(organizationId) ? Optional.of("79001") : Optional.empty();
        }
    };

    private final RecordWriteRules rules = new RecordWriteRules(LOOKUP, FHIR, new ScopeRestrictionMatcher(null));

    private static ServletRequestDetails as(Accessor accessor, String scopes) {
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse(scopes), "sub",
                "client", "user", null, null, AccessContext.Mode.SIGNED_IN));
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServletRequest(http);
        return request;
    }

    private static Encounter encounterOf(String facility) {
        Encounter e = new Encounter();
        e.setSubject(new Reference("Patient/an"));
        e.setServiceProvider(new Reference().setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(facility)));
        return e;
    }

    private static String rule(Throwable e) {
        return AccessRefusal.ruleOf((ForbiddenOperationException) e);
    }

    @Test
    void aFacilityWritesInItsOwnNameAndIsStampedAsTheAuthor() {
        Encounter mine = encounterOf("01001");
        mine.getMeta().setSource("urn:nhr:facility:79001"); // a claim the server does not believe
        rules.created(mine, as(Accessor.emrSystem("01001"), "system/*.cu"));
        assertThat(mine.getMeta().getSource()).isEqualTo("urn:nhr:facility:01001");

        assertThatThrownBy(() -> rules.created(encounterOf("79001"), as(Accessor.emrSystem("01001"), "system/*.cu")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-write-as-other-facility"));
        Encounter byReference = encounterOf("01001");
        byReference.setServiceProvider(new Reference("Organization/cr"));
        assertThatThrownBy(() -> rules.created(byReference, as(Accessor.practitioner("L1", "01001"), "user/*.cruds")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-write-as-other-facility"));
    }

    @Test
    void onlyWhatTheFacilityWroteMayBeChangedOrDeleted() {
        Encounter theirs = encounterOf("79001");
        theirs.setId("Encounter/1");
        theirs.getMeta().setSource("urn:nhr:facility:79001#req");
        assertThatThrownBy(() -> rules.updated(theirs, encounterOf("01001"), as(Accessor.emrSystem("01001"), "system/*.cu")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-other-facility-record"));
        assertThatThrownBy(() -> rules.deleted(theirs, as(Accessor.practitioner("L1", "01001"), "user/*.cruds")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-other-facility-record"));
        assertThatCode(() -> rules.deleted(theirs, as(Accessor.facility("79001"), "user/*.cruds"))).doesNotThrowAnyException();
    }

    @Test
    void aFacilityRecordsAConsentOnlyWithTheSignedForm() {
        Consent consent = new Consent().setPatient(new Reference("Patient/an"));
        assertThatThrownBy(() -> rules.created(consent, as(Accessor.emrSystem("01001"), "system/*.cu")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-consent-needs-signed-form"));
        consent.setSource(new Attachment().setContentType("application/pdf").setData(new byte[] {1}));
        assertThatCode(() -> rules.created(consent, as(Accessor.emrSystem("01001"), "system/*.cu"))).doesNotThrowAnyException();
    }

    @Test
    void aCitizenWritesOnlyConsentsOfTheirOwnRecord() {
        ServletRequestDetails an = as(Accessor.citizen("001085012345"), "patient/*.rs patient/Consent.cruds");
        Consent own = new Consent().setPatient(new Reference("Patient/an"));
        rules.created(own, an);
        assertThat(own.getMeta().getSource()).isEqualTo(RecordWriteRules.CITIZEN_SOURCE);
        assertThatThrownBy(() -> rules.created(new Consent().setPatient(new Reference("Patient/bich")), an))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-consent-not-own"));
        assertThatThrownBy(() -> rules.created(new Observation(), an))
                .satisfies(e -> assertThat(rule(e)).isEqualTo(ScopeDecision.RULE));
        assertThatThrownBy(() -> rules.created(new Observation(), as(Accessor.citizen("001085012345"), "patient/*.cruds")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-citizen-writes-consent-only"));
    }

    @Test
    void nobodyWritesAccessLogsAndAnalystsWriteNothing() {
        assertThatThrownBy(() -> rules.created(new AuditEvent(), as(Accessor.administrator(), "user/*.cruds")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-audit-immutable"));
        assertThatThrownBy(() -> rules.created(new Observation(), as(Accessor.analyst(), "user/*.cruds")))
                .satisfies(e -> assertThat(rule(e)).isEqualTo("nhr-access-read-only-role"));
    }

    @Test
    void internalWritesAreNotJudgedButAnonymousOnesAre() {
        assertThatCode(() -> rules.created(new AuditEvent(), new SystemRequestDetails())).doesNotThrowAnyException();
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), AccessContext.anonymous());
        ServletRequestDetails anonymous = new ServletRequestDetails();
        anonymous.setServletRequest(http);
        assertThatThrownBy(() -> rules.created(new Observation(), anonymous)).isInstanceOf(AuthenticationException.class);
    }
}
