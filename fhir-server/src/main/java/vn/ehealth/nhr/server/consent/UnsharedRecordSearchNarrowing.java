package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.UriParam;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.ResourceKinds;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A facility searching one citizen's record without any Consent that could share it (and without
 * breaking the glass) can only be shown what it wrote itself (rule 3); this says so in the query,
 * {@code _source=urn:nhr:facility:<code>}, so the database returns only those entries instead of
 * HAPI loading every entry of the record for the consent check to refuse most of them.
 *
 * <p>It only ever removes what {@link RecordAccessRules} would refuse: the consent check still judges
 * every resource returned, {@code _include}d and {@code _revinclude}d ones too (they are not narrowed).
 * It applies to a search of one clinical resource type naming exactly one Patient by {@code patient=} or
 * {@code subject=} (no chain, no modifier) where that parameter names the record's subject
 * ({@link RecordCompartments#isSubjectParameter}): every result is then about that Patient, and whether
 * another facility's entry may be read depends on that Patient's Consents alone (rule 4;
 * {@link RecordCompartments#subjects}). A parameter naming someone else who took part (an
 * Observation's performer) is left to the per-resource check.
 */
@Interceptor
public class UnsharedRecordSearchNarrowing {

    private static final Set<String> SEARCHED_BY = Set.of("patient", "subject");

    private final CitizenConsentRules consentRules;
    private final CitizenRecordLookup lookup;
    private final RecordCompartments compartments;
    private final Clock clock;

    public UnsharedRecordSearchNarrowing(CitizenConsentRules consentRules, CitizenRecordLookup lookup,
            RecordCompartments compartments, Clock clock) {
        this.consentRules = consentRules;
        this.lookup = lookup;
        this.compartments = compartments;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void narrowToOwnEntries(RequestDetails request, SearchParameterMap parameters) {
        if (request == null || parameters.getEverythingMode() != null
                || request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
            return;
        }
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox() || caller.accessor() == null || !caller.accessor().actsForFacility()
                || caller.claimsEmergency() || caller.accessor().facilityCode() == null) {
            return;
        }
        String type = request.getResourceName();
        if (type == null || !clinicalRecordType(type)) {
            return;
        }
        Optional<Map.Entry<String, String>> named = theOnePatient(parameters);
        if (named.isEmpty() || !compartments.isSubjectParameter(type, named.get().getKey())) {
            return;
        }
        Optional<String> patientId = Optional.of(named.get().getValue());
        RequestAccessCache cache = RequestAccessCache.of(request);
        String owner = patientId.get();
        AccessRequest access = AccessRequest.of(caller.accessor(),
                new RecordOwner(owner, cache.cccdOf(owner, lookup).orElse(null)), clock.instant());
        if (!consentRules.mayShareAnything(access, cache.consentsOf(owner, lookup))) {
            parameters.add(Constants.PARAM_SOURCE,
                    new UriParam(CitizenConsentRules.FACILITY_SOURCE_PREFIX + caller.accessor().facilityCode()));
        }
    }

    /** A type of the clinical record, judged by the consent rules alone (not the Patient, access logs, Subscriptions, catalogues). */
    static boolean clinicalRecordType(String type) {
        return !("Patient".equals(type) || "AuditEvent".equals(type) || "Subscription".equals(type)
                || ResourceKinds.PUBLIC_CATALOGUES.contains(type) || ResourceKinds.DEFINITIONS.contains(type)
                || ResourceKinds.DIRECTORY.contains(type));
    }

    /** The parameter and Patient id when the search names exactly one Patient by patient= or subject=, plainly. */
    static Optional<Map.Entry<String, String>> theOnePatient(SearchParameterMap parameters) {
        Map.Entry<String, String> found = null;
        for (String name : SEARCHED_BY) {
            List<List<IQueryParameterType>> and = parameters.get(name);
            if (and == null || and.isEmpty()) {
                continue;
            }
            if (found != null || and.size() != 1 || and.get(0).size() != 1
                    || !(and.get(0).get(0) instanceof ReferenceParam ref)) {
                return Optional.empty();
            }
            if (ref.getMissing() != null || ref.hasChain() || ref.isMdmExpand() || ref.getBaseUrl() != null
                    || (ref.getResourceType() != null && !"Patient".equals(ref.getResourceType()))
                    || ref.getIdPart() == null || ref.getIdPart().isBlank() || ref.getValue().contains("|")) {
                return Optional.empty();
            }
            found = Map.entry(name, ref.getIdPart());
        }
        return Optional.ofNullable(found);
    }
}
