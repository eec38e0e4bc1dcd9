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
import java.util.Comparator;
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
 * latest by {@code date} is current; the diagnoses (Condition), medicines (MedicationRequest),
 * results (Observation) and procedures its sections list are the record's, and those only the earlier
 * versions list are marked {@code entered-in-error}, written with the sender's request so the write
 * rules and validation judge them as any update. The earlier papers themselves stay as they were issued.
 */
final class SupersededPaperEntries {

    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private final DaoRegistry daos;

    SupersededPaperEntries(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Retires what only superseded versions of the paper {@code stored} (just written) list; returns what was retired. */
    List<String> retireFor(IdType stored, RequestDetails request) {
        IFhirResourceDao<Composition> compositions = daos.getResourceDao(Composition.class);
        Composition paper = compositions.read(stored.toUnqualifiedVersionless(), new SystemRequestDetails());
        if (!paper.hasIdentifier() || !paper.getIdentifier().hasSystem() || !paper.getIdentifier().hasValue()) {
            return List.of();
        }
        SearchParameterMap versionsOfPaper = SearchParameterMap.newSynchronous()
                .add(Composition.SP_IDENTIFIER, new TokenParam(paper.getIdentifier().getSystem(), paper.getIdentifier().getValue()));
        List<Composition> versions = new ArrayList<>();
        for (IBaseResource r : compositions.search(versionsOfPaper, new SystemRequestDetails()).getAllResources()) {
            Composition version = (Composition) r;
            if (Objects.equals(version.getCustodian().getReference(), paper.getCustodian().getReference())
                    && version.getStatus() != Composition.CompositionStatus.ENTEREDINERROR) {
                versions.add(version);
            }
        }
        if (versions.size() < 2) {
            return List.of();
        }
        // the current version: the latest date; on a tie, the one stored last
        Composition current = versions.stream().max(Comparator.comparing(Composition::getDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(c -> c.getMeta().getLastUpdated(), Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
        Set<String> kept = entriesOf(current);
        List<String> retired = new ArrayList<>();
        for (Composition version : versions) {
            if (version == current) {
                continue;
            }
            for (String entry : entriesOf(version)) {
                if (!kept.contains(entry) && retire(new IdType(entry), request)) {
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

    /** Marks one stored entry entered-in-error (if it is of a kind that says so and is not already); true if written. */
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
