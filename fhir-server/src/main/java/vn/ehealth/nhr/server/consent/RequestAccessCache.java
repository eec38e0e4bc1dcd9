package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Consent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the access rules looked up during one HTTP request (shared by a transaction's entries):
 * each patient's CCCD and Consents are read once per request, not once per resource.
 */
public final class RequestAccessCache {

    private static final String ATTRIBUTE = RequestAccessCache.class.getName();

    private Set<String> ownPatientIds;
    private final Map<String, Optional<String>> cccdByPatient = new HashMap<>();
    private final Map<String, List<Consent>> consentsByPatient = new HashMap<>();
    private final Map<String, Optional<String>> facilityByOrganization = new HashMap<>();

    public static RequestAccessCache of(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
            Object cached = servlet.getServletRequest().getAttribute(ATTRIBUTE);
            if (cached instanceof RequestAccessCache cache) {
                return cache;
            }
            RequestAccessCache cache = new RequestAccessCache();
            servlet.getServletRequest().setAttribute(ATTRIBUTE, cache);
            return cache;
        }
        Object cached = request == null ? null : request.getUserData().get(ATTRIBUTE);
        if (cached instanceof RequestAccessCache cache) {
            return cache;
        }
        RequestAccessCache cache = new RequestAccessCache();
        if (request != null) {
            request.getUserData().put(ATTRIBUTE, cache);
        }
        return cache;
    }

    /** The Patient ids of the signed-in citizen (by the token's CCCD). */
    public synchronized Set<String> ownPatientIds(String cccd, CitizenRecordLookup lookup) {
        if (ownPatientIds == null) {
            ownPatientIds = Set.copyOf(lookup.patientIdsOfCitizen(cccd));
        }
        return ownPatientIds;
    }

    /** Forget the citizen's Patients (after the request created one). */
    public synchronized void forgetOwnPatients() {
        ownPatientIds = null;
    }

    public synchronized Optional<String> cccdOf(String patientId, CitizenRecordLookup lookup) {
        return cccdByPatient.computeIfAbsent(patientId, lookup::cccdOfPatient);
    }

    public synchronized List<Consent> consentsOf(String patientId, CitizenRecordLookup lookup) {
        return consentsByPatient.computeIfAbsent(patientId, lookup::activeConsents);
    }

    public synchronized Optional<String> facilityOf(String organizationId, CitizenRecordLookup lookup) {
        return facilityByOrganization.computeIfAbsent(organizationId, lookup::facilityCodeOfOrganization);
    }
}
