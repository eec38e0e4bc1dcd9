package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A corrected discharge paper replaces what the earlier versions of the same paper put in the record
 * (ADR 8: a correction is a new document, the Composition keeping its identifier). Each version's
 * entries were stored as resources of their own, so without this the citizen's record would list the
 * diagnoses and medicines of every version side by side, the wrong ones with the right ones. Of the
 * versions of one paper from one facility (same {@code Composition.identifier}, same custodian), the
 * correction is current unless a stored version is dated after it; the diagnoses (Condition),
 * medicines (MedicationRequest), results (Observation) and procedures the earlier versions list are
 * marked {@code entered-in-error} (every clinical entry of a paper is created by that paper, so none is
 * shared with the correction), written with the sender's request so the write rules and validation
 * judge them as any update. The earlier papers themselves stay as they were issued.
 */
final class SupersededPaperEntries {

    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private final DaoRegistry daos;

    SupersededPaperEntries(DaoRegistry daos) {
        this.daos = daos;
    }

    /**
     * The stored versions of the paper {@code sent} names (same {@code Composition.identifier}); empty for
     * a first paper. Read <em>before</em> the correction is written: reading back in the same transaction
     * a resource it has just written attaches HAPI's shared tag definitions to this session, and writes
     * running at the same moment then fail ("collection with two open sessions"; found by the population
     * benchmark's ingest, 4 clients).
     */
    List<Composition> storedVersionsOf(Composition sent) {
        if (!sent.hasIdentifier() || !sent.getIdentifier().hasSystem() || !sent.getIdentifier().hasValue()) {
            return List.of();
        }
        SearchParameterMap versionsOfPaper = SearchParameterMap.newSynchronous()
                .add(Composition.SP_IDENTIFIER, new TokenParam(sent.getIdentifier().getSystem(), sent.getIdentifier().getValue()));
        IFhirResourceDao<Composition> compositions = daos.getResourceDao(Composition.class);
        if (compositions.searchForIds(versionsOfPaper, new SystemRequestDetails()).isEmpty()) {
            return List.of(); // a first paper: nothing loaded
        }
        List<Composition> versions = new ArrayList<>();
        for (IBaseResource r : compositions.search(versionsOfPaper, new SystemRequestDetails()).getAllResources()) {
            if (((Composition) r).getStatus() != Composition.CompositionStatus.ENTEREDINERROR) {
                versions.add((Composition) r);
            }
        }
        return versions;
    }

    /**
     * After the correction (dated {@code sentDate}, kept by {@code custodian}, the stored reference) is
     * written: marks entered-in-error what the earlier stored versions of the same custodian list. A
     * version dated after the correction stays the current one (a paper that arrives late retires
     * nothing, and its own entries stay: reported as not retired). Returns what was retired.
     */
    List<String> retireEarlier(List<Composition> storedVersions, Date sentDate, String custodian, RequestDetails request) {
        List<String> retired = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Composition version : storedVersions) {
            boolean sameKeeper = Objects.equals(new IdType(version.getCustodian().getReference()).toUnqualifiedVersionless().getValue(),
                    custodian);
            boolean earlier = sentDate == null || version.getDate() == null || !version.getDate().after(sentDate);
            if (!sameKeeper || !earlier) {
                continue;
            }
            for (String entry : entriesOf(version)) {
                if (seen.add(entry) && retire(new IdType(entry), request)) {
                    retired.add(entry);
                }
            }
        }
        return retired;
    }

    private static Set<String> entriesOf(Composition c) {
        Set<String> entries = new LinkedHashSet<>();
        for (Composition.SectionComponent section : c.getSection()) {
            for (Reference ref : section.getEntry()) {
                if (ref.hasReference()) {
                    entries.add(new IdType(ref.getReference()).toUnqualifiedVersionless().getValue());
                }
            }
        }
        return entries;
    }

    /** Marks one stored entry (of an earlier transaction) entered-in-error (if it is of a kind that says so and is not already); true if written. */
    private boolean retire(IdType id, RequestDetails request) {
        String type = id.getResourceType();
        if (!List.of("Condition", "MedicationRequest", "Observation", "Procedure").contains(type)) {
            return false;
        }
        IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(type);
        IBaseResource resource = dao.read(id, new SystemRequestDetails());
        boolean changed = false;
        if (resource instanceof Condition c && !isEnteredInError(c)) {
            // FHIR con-5: an entered-in-error Condition has no clinical status, and then con-4 allows no abatement
            c.setClinicalStatus(null);
            c.setAbatement(null);
            c.setVerificationStatus(new CodeableConcept(new Coding(CONDITION_VERIFICATION, "entered-in-error", null)));
            changed = true;
        } else if (resource instanceof MedicationRequest m && m.getStatus() != MedicationRequest.MedicationRequestStatus.ENTEREDINERROR) {
            m.setStatus(MedicationRequest.MedicationRequestStatus.ENTEREDINERROR);
            changed = true;
        } else if (resource instanceof Observation o && o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
            o.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
            changed = true;
        } else if (resource instanceof Procedure p && p.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR) {
            p.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
            changed = true;
        }
        if (changed) {
            dao.update(resource, request);
        }
        return changed;
    }

    private static boolean isEnteredInError(Condition c) {
        return c.getVerificationStatus().getCoding().stream().anyMatch(x -> "entered-in-error".equals(x.getCode()));
    }
}
