package vn.ehealth.nhr.server.prescription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored prescription lines and their dispenses, read through HAPI's DAOs as the server (a
 * {@link SystemRequestDetails}: no access rule applies), inside the writing transaction. Each is
 * a read by id or the indexed search {@code MedicationDispense?prescription=MedicationRequest/x}.
 */
public class PrescriptionRecords {

    private final DaoRegistry daos;

    public PrescriptionRecords(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The line as stored now, or empty if there is none (HAPI then refuses the dangling reference itself). */
    public Optional<MedicationRequest> line(String id) {
        try {
            return Optional.of(daos.getResourceDao(MedicationRequest.class).read(new IdType("MedicationRequest", id),
                    new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Every stored dispense authorised by the line, whatever its status. */
    public List<MedicationDispense> dispensesOf(String lineId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(MedicationDispense.SP_PRESCRIPTION, new ReferenceParam("MedicationRequest/" + lineId));
        List<MedicationDispense> dispenses = new ArrayList<>();
        for (IBaseResource r : daos.getResourceDao(MedicationDispense.class).search(map, new SystemRequestDetails()).getAllResources()) {
            dispenses.add((MedicationDispense) r);
        }
        return dispenses;
    }
}
