package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A facility searching one citizen's record without any Consent that could share it (and without
 * breaking the glass) can only be shown what it wrote itself (rule 3); this says so in the query,
 * {@code _source=urn:nhr:facility:<code>}, so the database returns only those entries instead of
 * HAPI loading every entry of the record for the consent check to refuse most of them.
 *
 * <p>It only ever removes what {@link RecordAccessRules} would refuse: the consent check still judges
 * every resource returned, {@code _include}d and {@code _revinclude}d ones too (they are not narrowed).
 * It applies to a search of one resource type naming exactly one Patient by {@code patient=} or
 * {@code subject=} (no chain, no modifier), of a type whose only way into a Patient's record is that
 * parameter: a type that can sit in several records (an Observation whose performer is another
 * Patient) may be shared by another owner's Consent, so it is left to the per-resource check.
 */
@Interceptor
public class UnsharedRecordSearchNarrowing {

    private static final Set<String> RECORD_SUBJECT_PARAMETERS = Set.of("patient", "subject");

    private final CitizenConsentRules consentRules;
    private final CitizenRecordLookup lookup;
    private final FhirContext fhirContext;
    private final Clock clock;

    public UnsharedRecordSearchNarrowing(CitizenConsentRules consentRules, CitizenRecordLookup lookup,
            FhirContext fhirContext, Clock clock) {
        this.consentRules = consentRules;
        this.lookup = lookup;
        this.fhirContext = fhirContext;
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
        if (type == null || !singleRecordType(type)) {
            return;
        }
        Optional<String> patientId = theOnePatient(parameters);
        if (patientId.isEmpty()) {
            return;
        }
        RequestAccessCache cache = RequestAccessCache.of(request);
        String owner = patientId.get();
        AccessRequest access = AccessRequest.of(caller.accessor(),
                new RecordOwner(owner, cache.cccdOf(owner, lookup).orElse(null)), clock.instant());
        if (!consentRules.mayShareAnything(access, cache.consentsOf(owner, lookup))) {
            parameters.add(Constants.PARAM_SOURCE,
                    new UriParam(CitizenConsentRules.FACILITY_SOURCE_PREFIX + caller.accessor().facilityCode()));
        }
    }

    /** A clinical type that belongs to a Patient's record through one subject parameter only. */
    boolean singleRecordType(String type) {
        if ("Patient".equals(type) || "AuditEvent".equals(type) || "Subscription".equals(type)
                || ResourceKinds.PUBLIC_CATALOGUES.contains(type) || ResourceKinds.DEFINITIONS.contains(type)
                || ResourceKinds.DIRECTORY.contains(type) || !fhirContext.getResourceTypes().contains(type)) {
            return false;
        }
        List<RuntimeSearchParam> compartment = fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient");
        Set<String> names = compartment.stream().map(RuntimeSearchParam::getName).collect(Collectors.toSet());
        return !names.isEmpty() && RECORD_SUBJECT_PARAMETERS.containsAll(names);
    }

    /** The Patient id when the search names exactly one Patient by patient= or subject=, plainly. */
    static Optional<String> theOnePatient(SearchParameterMap parameters) {
        String found = null;
        for (String name : RECORD_SUBJECT_PARAMETERS) {
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
            found = ref.getIdPart();
        }
        return Optional.ofNullable(found);
    }
}
