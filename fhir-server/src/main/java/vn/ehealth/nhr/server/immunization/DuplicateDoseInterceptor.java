package vn.ehealth.nhr.server.immunization;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.server.validation.RecordWriteLocks;
import vn.ehealth.nhr.server.validation.StorageWriteRule;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Refuses a second record of the same dose ({@link DuplicateDoseRule}) with 409 naming the record
 * already on file, on create and on update (an update of that record itself is not a duplicate).
 * Inside a transaction the other Immunizations of the Bundle are compared too: they are not
 * indexed yet when this runs. The citizen's record is locked ({@link RecordWriteLocks}) before the
 * stored doses are read, so two writers of one dose at the same moment cannot both find none.
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
public class DuplicateDoseInterceptor extends StorageWriteRule {

    private final ImmunizationRecords records;
    private final RecordWriteLocks locks;

    public DuplicateDoseInterceptor(ImmunizationRecords records, RecordWriteLocks locks) {
        this.records = records;
        this.locks = locks;
    }

    @Autowired
    public DuplicateDoseInterceptor(DaoRegistry daos, RecordWriteLocks locks) {
        this(new ImmunizationRecords(daos), locks);
    }

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Immunization sent) || !DuplicateDoseRule.counts(sent)) {
            return;
        }
        Optional<LocalDate> day = DuplicateDoseRule.dayOf(sent);
        if (day.isEmpty() || !sent.getPatient().hasReference()) {
            return;
        }
        Map<String, Optional<String>> organisations = new HashMap<>();
        Function<String, Optional<String>> facility = id -> organisations.computeIfAbsent(id, records::facilityOfOrganization);
        Set<String> sentFacilities = DuplicateDoseRule.facilitiesOf(sent, facility);
        if (sentFacilities.isEmpty()) {
            return;
        }
        String self = idPart(sent);
        Bundle bundle = WriteValidationOutcome.requestBundle(request);
        if (bundle != null) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).getResource() instanceof Immunization other && other != sent
                        && sent.getPatient().getReference().equals(other.getPatient().getReference())) {
                    refuseIfDuplicate(request, sent, sentFacilities, other, facility, "Bundle.entry[" + i + "]");
                }
            }
        }
        IdType patient = new IdType(sent.getPatient().getReference());
        if (!"Patient".equals(patient.getResourceType()) || !patient.hasIdPart() || patient.hasBaseUrl()
                || sent.getPatient().getReference().startsWith("urn:")) {
            return; // a Patient created in the same transaction has no stored doses
        }
        // two facilities sending this dose at once: the second reads what the first stored (or rolled back)
        locks.lockRecordOf(patient.getIdPart());
        for (Immunization stored : records.candidates(patient.getIdPart(), sent.getVaccineCode().getCoding(), day.get())) {
            String id = stored.getIdElement().getIdPart();
            if (!id.equals(self) && !inBundle(bundle, id)) {
                refuseIfDuplicate(request, sent, sentFacilities, stored, facility, "Immunization/" + id);
            }
        }
    }

    private static void refuseIfDuplicate(RequestDetails request, Immunization sent, Set<String> sentFacilities,
            Immunization other, Function<String, Optional<String>> facility, String name) {
        Optional<RuleViolation> duplicate = DuplicateDoseRule.check(sent, sentFacilities, other,
                DuplicateDoseRule.facilitiesOf(other, facility), name);
        duplicate.ifPresent(v -> WriteValidationOutcome.refuseAsConflict(request, sent, v,
                OperationOutcome.IssueType.DUPLICATE, "Immunization"));
    }

    /** A stored record that this Bundle rewrites is judged in its new version (from the Bundle). */
    private static boolean inBundle(Bundle bundle, String id) {
        return bundle != null && bundle.getEntry().stream()
                .anyMatch(e -> e.getResource() instanceof Immunization i && id.equals(idPart(i)));
    }

    private static String idPart(IBaseResource resource) {
        IdType id = (IdType) resource.getIdElement();
        return id.hasIdPart() && !id.getValue().startsWith("urn:") ? id.getIdPart() : null;
    }
}
