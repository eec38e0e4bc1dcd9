package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stored facts the access rules need, read through HAPI's DAOs as the server itself (a
 * {@link SystemRequestDetails}, so no access rule applies to these reads): a citizen's Patient ids
 * by CCCD, a Patient's CCCD, a patient's Consents, an Organization's facility code. Every lookup is
 * an indexed search or a read by id; {@link RequestAccessCache} keeps the answers for one request.
 */
public class CitizenRecordLookup {

    private final DaoRegistry daos;

    public CitizenRecordLookup(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Ids (id part only) of the Patients carrying this CCCD: one, or none yet. */
    public Set<String> patientIdsOfCitizen(String cccd) {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Patient.SP_IDENTIFIER, new TokenParam(NhrIdentifierSystems.CITIZEN_ID, cccd));
        Set<String> ids = new LinkedHashSet<>();
        for (IBaseResource r : all(daos.getResourceDao(Patient.class).search(map, system()))) {
            ids.add(r.getIdElement().getIdPart());
        }
        return ids;
    }

    /** The CCCD of a Patient, if the Patient exists and has one. */
    public Optional<String> cccdOfPatient(String patientId) {
        try {
            Patient patient = daos.getResourceDao(Patient.class).read(new IdType("Patient", patientId), system());
            return patient.getIdentifier().stream()
                    .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()) && i.hasValue())
                    .map(i -> i.getValue().strip()).findFirst();
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** The citizen's Consents that can be in force (status active), by the indexed {@code patient} reference. */
    public List<Consent> activeConsents(String patientId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Consent.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
                .add(Consent.SP_STATUS, new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
        List<Consent> consents = new ArrayList<>();
        for (IBaseResource r : all(daos.getResourceDao(Consent.class).search(map, system()))) {
            consents.add((Consent) r);
        }
        return consents;
    }

    /** The facility code ({@link NhrIdentifierSystems#FACILITY_CODE}) of a stored Organization. */
    public Optional<String> facilityCodeOfOrganization(String organizationId) {
        try {
            Organization org = daos.getResourceDao(Organization.class).read(new IdType("Organization", organizationId), system());
            return org.getIdentifier().stream()
                    .filter(i -> NhrIdentifierSystems.FACILITY_CODE.equals(i.getSystem()) && i.hasValue())
                    .map(i -> i.getValue().strip()).findFirst();
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** A stored resource as it is now (for update and delete rules), or empty. */
    public Optional<IBaseResource> current(String resourceType, String id) {
        try {
            return Optional.of(daos.getResourceDao(resourceType).read(new IdType(resourceType, id), system()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private static List<IBaseResource> all(IBundleProvider provider) {
        return provider.getAllResources();
    }

    private static SystemRequestDetails system() {
        return new SystemRequestDetails();
    }
}
