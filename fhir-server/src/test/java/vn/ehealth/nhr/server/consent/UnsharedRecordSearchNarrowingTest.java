package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.consent.ConsentFixtures.FHIR;

class UnsharedRecordSearchNarrowingTest {

    private List<Consent> consents = List.of();
    private final CitizenRecordLookup lookup = new CitizenRecordLookup(null) {
        @Override
        public Optional<String> cccdOfPatient(String patientId) {
            return Optional.of(ConsentFixtures.AN_CCCD);
        }

        @Override
        public List<Consent> activeConsents(String patientId) {
            return consents;
        }
    };
    private final UnsharedRecordSearchNarrowing narrowing = new UnsharedRecordSearchNarrowing(CitizenConsentRules.shipped(FHIR),
            lookup, new RecordCompartments(FHIR), Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC));

    private static ServletRequestDetails search(String type, Accessor accessor, String purposeOfUse) {
        ServletRequestDetails request = new ServletRequestDetails();
        MockHttpServletRequest http = new MockHttpServletRequest();
        http.setAttribute(AccessContext.class.getName(), new AccessContext(accessor, SmartScopes.parse("system/*.rs"),
                "s", "c", "u", purposeOfUse, purposeOfUse == null ? null : "cấp cứu", AccessContext.Mode.SIGNED_IN));
        request.setServletRequest(http);
        request.setResourceName(type);
        request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        return request;
    }

    private static SearchParameterMap ofPatient(String name, ReferenceParam patient) {
        return new SearchParameterMap().add(name, patient);
    }

    private static List<String> sources(SearchParameterMap map) {
        return map.get(Constants.PARAM_SOURCE) == null ? List.of()
                : map.get(Constants.PARAM_SOURCE).stream().flatMap(List::stream).map(p -> ((UriParam) p).getValue()).toList();
    }

    @Test
    void aFacilityWithoutConsentSearchesOnlyWhatItWrote() {
        SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("Encounter", Accessor.emrSystem("79001"), null), map);
        assertThat(sources(map)).containsExactly("urn:nhr:facility:79001");

        SearchParameterMap bySubject = ofPatient("subject", new ReferenceParam("nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("MedicationRequest", Accessor.practitioner("004567/HCM-CCHN", "79001"), null), bySubject);
        assertThat(sources(bySubject)).containsExactly("urn:nhr:facility:79001");
    }

    @Test
    void aConsentThatCouldShareAnythingLeavesTheSearchWhole() {
        Consent permit = ConsentFixtures.anPermitsBachMai();
        permit.getProvision().getActorFirstRep().getReference().getIdentifier().setValue("79001");
        consents = List.of(permit);
        SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("Encounter", Accessor.emrSystem("79001"), null), map);
        assertThat(sources(map)).isEmpty();
    }

    @Test
    void aConsentForAnotherFacilityOrNoLongerInForceStillNarrows() {
        Consent bachMaiOnly = ConsentFixtures.anPermitsBachMai();
        Consent withdrawn = ConsentFixtures.anPermitsBachMai();
        withdrawn.getProvision().getActorFirstRep().getReference().getIdentifier().setValue("79001");
        withdrawn.setStatus(Consent.ConsentState.INACTIVE);
        consents = List.of(bachMaiOnly, withdrawn);
        SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("Encounter", Accessor.emrSystem("79001"), null), map);
        assertThat(sources(map)).containsExactly("urn:nhr:facility:79001");
    }

    @Test
    void breakingTheGlassCitizensAnalystsAndAdministratorsAreNeverNarrowed() {
        for (Accessor who : List.of(Accessor.citizen(ConsentFixtures.AN_CCCD), Accessor.analyst(), Accessor.administrator())) {
            SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
            narrowing.narrowToOwnEntries(search("Encounter", who, null), map);
            assertThat(sources(map)).as(who.kind().name()).isEmpty();
        }
        SearchParameterMap emergency = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("Encounter", Accessor.practitioner("004567/HCM-CCHN", "79001"), "ETREAT"), emergency);
        assertThat(sources(emergency)).isEmpty();
    }

    @Test
    void onlyAPlainSearchOfOnePatientAsTheRecordsSubjectIsNarrowed() {
        Accessor choRay = Accessor.emrSystem("79001");
        // Condition?patient= and Observation?patient= name the subject: what is read is about that Patient (rule 4)
        for (String type : List.of("Condition", "Observation", "Encounter", "Immunization")) {
            SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
            narrowing.narrowToOwnEntries(search(type, choRay, null), map);
            assertThat(sources(map)).as(type).containsExactly("urn:nhr:facility:79001");
        }
        // a parameter naming someone who took part, not the subject, is left to the per-resource check
        SearchParameterMap performer = ofPatient("subject", new ReferenceParam("Patient/nguyen-van-an"));
        narrowing.narrowToOwnEntries(search("Schedule", choRay, null), performer);
        assertThat(sources(performer)).isEmpty();

        SearchParameterMap chained = ofPatient("patient", new ReferenceParam("Patient", "identifier", "001085012345"));
        narrowing.narrowToOwnEntries(search("Encounter", choRay, null), chained);
        assertThat(sources(chained)).isEmpty();

        SearchParameterMap twoPatients = new SearchParameterMap();
        twoPatients.add("patient", new ca.uhn.fhir.rest.param.ReferenceOrListParam()
                .addOr(new ReferenceParam("Patient/nguyen-van-an")).addOr(new ReferenceParam("Patient/tran-thi-bich")));
        narrowing.narrowToOwnEntries(search("Encounter", choRay, null), twoPatients);
        assertThat(sources(twoPatients)).isEmpty();

        SearchParameterMap noPatient = new SearchParameterMap();
        narrowing.narrowToOwnEntries(search("Encounter", choRay, null), noPatient);
        assertThat(sources(noPatient)).isEmpty();

        for (String type : List.of("Patient", "AuditEvent", "Subscription", "Organization", "CodeSystem")) {
            SearchParameterMap map = ofPatient("patient", new ReferenceParam("Patient/nguyen-van-an"));
            narrowing.narrowToOwnEntries(search(type, choRay, null), map);
            assertThat(sources(map)).as(type).isEmpty();
        }
    }
}
