package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.consent.CitizenConsentRules;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.validation.RequestLanguage;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds {@link DemographicConflictRule} on the storage layer: an update of a citizen's Patient
 * (PUT, PATCH, transaction entry) that changes the birth date or gender on file, and a conditional
 * create inside a transaction whose citizen is on file with another birth date or gender, are
 * refused with 409, unless an administrator (or the sandbox, or the server itself) asks. Plain
 * {@code POST Patient} with {@code If-None-Exist} is judged at the REST layer by
 * {@link ConditionalPatientCreateInterceptor}, through {@link #judgeConditionalCreate}.
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
public class DemographicConflictInterceptor {

    private final DaoRegistry daos;

    public DemographicConflictInterceptor(DaoRegistry daos) {
        this.daos = daos;
    }

    /** After the write rules (order -100: who may write at all), before the profile check: the more precise reason first. */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -50)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        if (previous instanceof Patient stored && resource instanceof Patient sent && !mayCorrectDemographics(request)) {
            refuse(request, DemographicConflictRule.check(stored, sent, false, true),
                    WriteValidationOutcome.locationPrefix(request, resource));
        }
    }

    /** Conditional creates of a transaction (a batch's entries come here one by one, as one-entry transactions). */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void transaction(IBaseBundle bundle, RequestDetails request) {
        if (!(bundle instanceof Bundle tx) || tx.getType() != Bundle.BundleType.TRANSACTION) {
            return;
        }
        for (int i = 0; i < tx.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = tx.getEntry().get(i);
            if (entry.getResource() instanceof Patient sent && entry.getRequest().getMethod() == Bundle.HTTPVerb.POST
                    && entry.getRequest().hasIfNoneExist()) {
                judgeConditionalCreate(sent, request, "Bundle.entry[" + i + "].resource");
            }
        }
    }

    /**
     * A conditional create of {@code sent} would answer with the Patient on file under its CCCD and
     * drop what was sent: refused if that Patient has another birth date or gender. One indexed
     * search by CCCD. {@code prefix} locates the Patient in the request body (null: the body itself).
     */
    public void judgeConditionalCreate(Patient sent, RequestDetails request, String prefix) {
        Optional<String> cccd = DemographicConflictRule.cccdOf(sent);
        if (cccd.isEmpty() || mayCorrectDemographics(request)) {
            return;
        }
        for (Patient stored : storedWithCccd(cccd.get())) {
            refuse(request, DemographicConflictRule.check(stored, sent, true, mayReadStored(request, stored)), prefix);
        }
    }

    /** The Patients on file with this CCCD (one at most: the CCCD is unique). */
    protected List<Patient> storedWithCccd(String cccd) {
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Patient.SP_IDENTIFIER, new TokenParam(NhrIdentifierSystems.CITIZEN_ID, cccd));
        List<Patient> found = new ArrayList<>();
        for (IBaseResource r : daos.getResourceDao(Patient.class).search(map, new SystemRequestDetails()).getAllResources()) {
            found.add((Patient) r);
        }
        return found;
    }

    /** Administrators correct records; internal writes (no HTTP caller) and the open sandbox are not judged. */
    static boolean mayCorrectDemographics(RequestDetails request) {
        Optional<AccessContext> caller = AccessContexts.of(request);
        return caller.isEmpty() || caller.get().isSandbox() || caller.get().is(Accessor.Kind.ADMINISTRATOR);
    }

    /** Only the facility that wrote the record is told the values on file (others may not read it). */
    private static boolean mayReadStored(RequestDetails request, Patient stored) {
        Optional<String> author = CitizenConsentRules.authoringFacility(stored);
        return author.isPresent() && AccessContexts.of(request).flatMap(AccessContext::accessorIfKnown)
                .map(Accessor::facilityCode).filter(author.get()::equals).isPresent();
    }

    private static void refuse(RequestDetails request, List<DemographicConflictRule.Conflict> conflicts, String prefix) {
        if (conflicts.isEmpty()) {
            return;
        }
        MessageLanguage language = RequestLanguage.of(request);
        OperationOutcome outcome = new OperationOutcome();
        for (DemographicConflictRule.Conflict c : conflicts) {
            WriteValidationOutcome.addIssue(outcome, c.violation(), OperationOutcome.IssueSeverity.ERROR,
                    OperationOutcome.IssueType.CONFLICT, language, GuideValidation.relocate(c.path(), prefix));
        }
        WriteValidationOutcome.refuseAsConflict(outcome);
    }
}
