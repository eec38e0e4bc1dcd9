package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.audit.AuditFixtures.patients;
import static vn.ehealth.nhr.server.audit.AuditFixtures.query;
import static vn.ehealth.nhr.server.audit.AuditFixtures.request;

class AccessDenialAuditInterceptorTest {

    private final AuditFixtures.RecordingSink sink = new AuditFixtures.RecordingSink();
    private final AccessDenialAuditInterceptor interceptor =
            new AccessDenialAuditInterceptor(sink, AuditFixtures.services(AuditFixtures.practitioner()));

    @Test
    void aRefusedReadOfAPatientIsRecordedOnThatPatientsLog() {
        boolean carryOn = interceptor.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/123"),
                new ForbiddenOperationException("Bệnh nhân chưa đồng ý chia sẻ hồ sơ với cơ sở 01001"));

        assertThat(carryOn).isTrue();
        assertThat(sink.events).hasSize(1);
        AuditEvent e = sink.events.get(0);
        assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(e.getOutcomeDesc()).contains("chưa đồng ý");
        assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(e.getType().getCode()).isEqualTo("rest");
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(e.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientRead");
        assertThat(patients(e)).containsExactly("Patient/123");
        AuditEvent.AuditEventAgentComponent user = AuditEvents.user(e);
        assertThat(user.getWho().getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.PRACTITIONER_LICENCE);
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("000123/HNO-CCHN");
        assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getNetwork().getAddress()).isEqualTo("10.1.2.3"));
        assertThat(e.getRecorded()).isNotNull();
    }

    @Test
    void aRefusedSearchNamesThePatientOfItsParametersAndKeepsTheQuery() {
        interceptor.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.SEARCH_TYPE, "Observation",
                "patient", "123", "code", "8867-4"), new AuthenticationException("Thiếu phạm vi user/Observation.rs"));

        AuditEvent e = sink.events.get(0);
        assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(patients(e)).containsExactly("Patient/123");
        assertThat(query(e)).isEqualTo(AuditFixtures.BASE + "/Observation?patient=123&code=8867-4");
    }

    @Test
    void aSubjectThatIsNotAPatientNamesNobody() {
        interceptor.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.SEARCH_TYPE, "Observation",
                "subject", "Group/7"), new ForbiddenOperationException("no"));
        assertThat(patients(sink.events.get(0))).isEmpty();
        assertThat(sink.events.get(0).getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.Query");
    }

    @Test
    void otherErrorsAreNotRefusalsAndAreNotAuditedHere() {
        interceptor.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/123"),
                new ResourceNotFoundException("gone"));
        interceptor.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.SEARCH_TYPE, "Observation"),
                new InvalidRequestException("bad parameter"));
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aRequestRefusedBeforeHapiKnewItsInteractionIsClassifiedByMethodAndPath() {
        var request = request(RequestTypeEnum.DELETE, null, "Observation/9");
        interceptor.refused(request, new AuthenticationException("token names no role"));

        AuditEvent e = sink.events.get(0);
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("delete");
        assertThat(e.getAction()).isEqualTo(AuditEvent.AuditEventAction.D);
        assertThat(e.getEntity()).anySatisfy(en -> assertThat(en.getWhat().getReference()).isEqualTo("Observation/9"));
    }

    @Test
    void aFailingSinkNeverChangesTheAnswerTheCallerGets() {
        AccessDenialAuditInterceptor broken = new AccessDenialAuditInterceptor(event -> {
            throw new IllegalStateException("boom");
        }, AuditFixtures.services(AuditFixtures.practitioner()));
        assertThat(broken.refused(request(RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/1"),
                new ForbiddenOperationException("no"))).isTrue();
    }

    @Test
    void aTokenRejectedBeforeHapiIsRecordedWithAnUnknownUser() {
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/fhir/Patient/5/$everything");
        http.setServerPort(8080);
        http.setRemoteAddr("203.0.113.9");
        http.setQueryString("_count=10");

        interceptor.recordRejectedToken(http, "Jwt expired at 2026-11-26T10:00:00Z");

        AuditEvent e = sink.events.get(0);
        assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(e.getOutcomeDesc()).contains("Jwt expired");
        assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("extended-operation-instance");
        assertThat(AuditEvents.user(e).getWho().getDisplay()).isEqualTo("unknown (token rejected)");
        assertThat(e.getAgent()).anySatisfy(a -> assertThat(a.getNetwork().getAddress()).isEqualTo("203.0.113.9"));
        assertThat(patients(e)).containsExactly("Patient/5");
        assertThat(query(e)).isEqualTo("http://localhost:8080/fhir/Patient/5/$everything?_count=10");
        assertThat(e.getSource().getObserver().getDisplay()).isEqualTo("http://localhost:8080/fhir");
    }

    @Test
    void theUserIsNamedByWhatTheNationalRecordKnowsThemBy() {
        var citizen = AuditContextServices.userWho(AuditFixtures.signedIn(Accessor.citizen("001085012345"), null, null));
        assertThat(citizen.getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.CITIZEN_ID);
        assertThat(citizen.getIdentifier().getValue()).isEqualTo("001085012345");
        assertThat(citizen.getDisplay()).isEqualTo("Công dân / citizen");

        var emr = AuditContextServices.userWho(AuditFixtures.signedIn(Accessor.emrSystem("79001"), null, null));
        assertThat(emr.getIdentifier().getSystem()).isEqualTo(NhrIdentifierSystems.FACILITY_CODE);
        assertThat(emr.getIdentifier().getValue()).isEqualTo("79001");

        var admin = AuditContextServices.userWho(AuditFixtures.signedIn(Accessor.administrator(), null, null));
        assertThat(admin.getIdentifier().getSystem()).isEqualTo("urn:nhr:keycloak-user");
        assertThat(admin.getIdentifier().getValue()).isEqualTo("sub-1");
        assertThat(admin.getDisplay()).isEqualTo("bs.lan");

        assertThat(AuditContextServices.userWho(vn.ehealth.nhr.server.security.AccessContext.anonymous()).getDisplay())
                .isEqualTo("anonymous");
        var client = AuditContextServices.clientWho(AuditFixtures.practitioner());
        assertThat(client.getIdentifier().getSystem()).isEqualTo("urn:nhr:oauth-client");
        assertThat(client.getDisplay()).isEqualTo("clinician-portal");
    }

    @Test
    void storedReferencesAreRelativeAndUnversionedSoPatientSearchesFindThem() {
        var patient = new org.hl7.fhir.r4.model.Patient();
        var id = new org.hl7.fhir.r4.model.IdType("http://localhost:8080/fhir/Patient/123/_history/4");
        assertThat(AuditFixtures.services(null).massageResourceIdForStorage(
                request(RequestTypeEnum.GET, RestOperationTypeEnum.READ, "Patient/123"), patient, id))
                .isEqualTo("Patient/123");
    }
}
