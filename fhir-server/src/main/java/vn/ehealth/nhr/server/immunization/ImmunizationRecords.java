package vn.ehealth.nhr.server.immunization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Immunization;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored Immunizations a new dose could duplicate, and the facility code of performer
 * Organizations, read through HAPI's DAOs as the server (no access rule applies) inside the
 * writing transaction: one indexed search on patient, vaccine code and date.
 */
public class ImmunizationRecords {

    private final DaoRegistry daos;
    private final CitizenRecordLookup organisations;

    public ImmunizationRecords(DaoRegistry daos) {
        this.daos = daos;
        this.organisations = new CitizenRecordLookup(daos);
    }

    /**
     * The patient's Immunizations with one of these vaccine codings around {@code day}: a day either
     * side, so that date-only and zoned times all come back; the caller compares the exact day.
     */
    public List<Immunization> candidates(String patientId, List<Coding> vaccine, LocalDate day) {
        TokenOrListParam codes = new TokenOrListParam();
        vaccine.stream().filter(c -> c.hasSystem() && c.hasCode()).forEach(c -> codes.addOr(
                new TokenParam(c.getSystem(), c.getCode())));
        if (codes.getValuesAsQueryTokens().isEmpty()) {
            return List.of();
        }
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Immunization.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
                .add(Immunization.SP_VACCINE_CODE, codes)
                .add(Immunization.SP_DATE, new DateRangeParam(
                        new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, day.minusDays(1).toString()),
                        new DateParam(ParamPrefixEnum.LESSTHAN, day.plusDays(2).toString())));
        List<Immunization> found = new ArrayList<>();
        for (IBaseResource r : daos.getResourceDao(Immunization.class).search(map, new SystemRequestDetails()).getAllResources()) {
            found.add((Immunization) r);
        }
        return found;
    }

    /** The facility code of a stored Organization. */
    public Optional<String> facilityOfOrganization(String organizationId) {
        return organisations.facilityCodeOfOrganization(organizationId);
    }
}
