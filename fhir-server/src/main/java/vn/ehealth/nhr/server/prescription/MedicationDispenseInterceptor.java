package vn.ehealth.nhr.server.prescription;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.server.validation.RecordWriteLocks;
import vn.ehealth.nhr.server.validation.StorageWriteRule;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds every dispense to its prescription line ({@link DispenseRule}): a MedicationDispense whose
 * {@code authorizingPrescription} names a line is stored only while the line is active and only if,
 * with the line's earlier dispenses, it does not exceed the prescribed quantity; else 409.
 *
 * <p>Inside a transaction the line and the other dispenses may be in the same Bundle (not indexed
 * yet when this runs): they are read from the Bundle, so two entries cannot over-dispense together.
 * A write that hands over nothing more than the stored version did (a correction, a cancellation)
 * is not judged, so a finished line's dispenses can still be corrected. The citizen's record is
 * locked ({@link RecordWriteLocks}) before the line is read, so two pharmacies dispensing one line at
 * the same moment cannot together exceed it.
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
public class MedicationDispenseInterceptor extends StorageWriteRule {

    private final PrescriptionRecords records;
    private final RecordWriteLocks locks;

    public MedicationDispenseInterceptor(PrescriptionRecords records, RecordWriteLocks locks) {
        this.records = records;
        this.locks = locks;
    }

    @Autowired
    public MedicationDispenseInterceptor(DaoRegistry daos, RecordWriteLocks locks) {
        this(new PrescriptionRecords(daos), locks);
    }

    @Override
    protected void check(IBaseResource resource, RequestDetails request) {
        if (resource instanceof MedicationDispense dispense) {
            judge(null, dispense, request);
        }
    }

    @Override
    protected void checkUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        if (resource instanceof MedicationDispense dispense) {
            judge(previous instanceof MedicationDispense stored ? stored : null, dispense, request);
        }
    }

    private void judge(MedicationDispense stored, MedicationDispense dispense, RequestDetails request) {
        if (!DispenseRule.counts(dispense)) {
            return;
        }
        Bundle bundle = WriteValidationOutcome.requestBundle(request);
        // two pharmacies dispensing one line at once: the second reads the line's dispenses after the first
        // has committed (the dispense's citizen, else the line's: a dispense need not name its subject)
        boolean locked = lockRecordOf(dispense.getSubject());
        for (int i = 0; i < dispense.getAuthorizingPrescription().size(); i++) {
            Reference reference = dispense.getAuthorizingPrescription().get(i);
            String path = "MedicationDispense.authorizingPrescription[" + i + "]";
            Line line = resolve(reference, bundle);
            if (line == null || !handsOverMore(stored, dispense, line)) {
                continue;
            }
            String status = line.request().hasStatus() ? line.request().getStatus().toCode() : "unknown";
            DispenseRule.lineActive(line.name(), status).ifPresent(v -> WriteValidationOutcome.refuseAsConflict(
                    request, dispense, v, OperationOutcome.IssueType.BUSINESSRULE, path));
            if (!locked) {
                locked = lockRecordOf(line.request().getSubject());
            }
            BigDecimal earlier = earlierDispensed(line, dispense, bundle);
            DispenseRule.withinPrescribed(line.name(), line.request().getDispenseRequest().getQuantity(), earlier,
                    DispenseRule.quantityOf(dispense)).ifPresent(v -> WriteValidationOutcome.refuseAsConflict(
                    request, dispense, v, OperationOutcome.IssueType.BUSINESSRULE, "MedicationDispense.quantity"));
        }
    }

    /** Locks the record of a stored Patient; false for a Patient new in this transaction (nobody else can write it yet). */
    private boolean lockRecordOf(Reference subject) {
        String ref = subject.getReference();
        IdType patient = new IdType(ref);
        if (ref == null || ref.startsWith("urn:") || !"Patient".equals(patient.getResourceType()) || !patient.hasIdPart()
                || patient.hasBaseUrl()) {
            return false;
        }
        locks.lockRecordOf(patient.getIdPart());
        return true;
    }

    /** A prescription line and the references that name it (stored id, and its fullUrl in the Bundle). */
    private record Line(MedicationRequest request, String id, Set<String> aliases) {
        String name() {
            return id != null ? "MedicationRequest/" + id : "MedicationRequest " + aliases.iterator().next();
        }

        boolean isNamedBy(Reference reference) {
            return reference.hasReference() && aliases.contains(reference.getReference());
        }
    }

    /** The line as this request leaves it: from the same Bundle if it is written there, else as stored. */
    private Line resolve(Reference reference, Bundle bundle) {
        if (!reference.hasReference()) {
            return null; // by identifier only: no line to hold the dispense to
        }
        String ref = reference.getReference();
        if (bundle != null) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof MedicationRequest mr) {
                    String id = idPart(mr);
                    if (ref.equals(entry.getFullUrl()) || (id != null && ref.equals("MedicationRequest/" + id))) {
                        Set<String> aliases = new LinkedHashSet<>();
                        aliases.add(ref);
                        if (entry.hasFullUrl()) {
                            aliases.add(entry.getFullUrl());
                        }
                        if (id != null) {
                            aliases.add("MedicationRequest/" + id);
                        }
                        return new Line(mr, id, aliases);
                    }
                }
            }
        }
        IdType id = new IdType(ref);
        if (!"MedicationRequest".equals(id.getResourceType()) || !id.hasIdPart() || id.hasBaseUrl() || ref.startsWith("urn:")) {
            return null;
        }
        Set<String> aliases = new LinkedHashSet<>(List.of(ref, "MedicationRequest/" + id.getIdPart()));
        return records.line(id.getIdPart()).map(mr -> new Line(mr, id.getIdPart(), aliases)).orElse(null);
    }

    /** A new dispense, one moved to this line, or one that now hands over more than its stored version. */
    private static boolean handsOverMore(MedicationDispense stored, MedicationDispense dispense, Line line) {
        if (stored == null || !DispenseRule.counts(stored)
                || stored.getAuthorizingPrescription().stream().noneMatch(line::isNamedBy)) {
            return true;
        }
        return DispenseRule.quantityOf(dispense).compareTo(DispenseRule.quantityOf(stored)) > 0;
    }

    /** What the line's other dispenses hand over: the stored ones, replaced by their versions in this Bundle. */
    private BigDecimal earlierDispensed(Line line, MedicationDispense dispense, Bundle bundle) {
        BigDecimal total = BigDecimal.ZERO;
        Set<String> inBundle = new HashSet<>();
        String self = idPart(dispense);
        if (self != null) {
            inBundle.add(self);
        }
        if (bundle != null) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof MedicationDispense other && other != dispense) {
                    if (idPart(other) != null) {
                        inBundle.add(idPart(other));
                    }
                    if (DispenseRule.counts(other) && other.getAuthorizingPrescription().stream().anyMatch(line::isNamedBy)) {
                        total = total.add(DispenseRule.quantityOf(other));
                    }
                }
            }
        }
        if (line.id() != null) {
            List<MedicationDispense> stored = records.dispensesOf(line.id());
            for (MedicationDispense other : stored) {
                if (!inBundle.contains(other.getIdElement().getIdPart()) && DispenseRule.counts(other)) {
                    total = total.add(DispenseRule.quantityOf(other));
                }
            }
        }
        return total;
    }

    private static String idPart(IBaseResource resource) {
        IdType id = (IdType) resource.getIdElement();
        return id.hasIdPart() && !id.getValue().startsWith("urn:") ? id.getIdPart() : null;
    }
}
