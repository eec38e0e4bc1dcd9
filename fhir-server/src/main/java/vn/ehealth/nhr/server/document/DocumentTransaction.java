package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transaction that stores a document's entries as resources of their own, one entry for each
 * entry of the document, in the same order (so a problem HAPI or the guide reports at
 * {@code Bundle.entry[n]} is the document's entry n):
 * <ul>
 * <li>each entry gets a fresh placeholder {@code Type/nhrdoc-<uuid>} as its fullUrl and every
 * reference between entries is rewritten to it, so HAPI gives the stored resources server ids and
 * links them to each other (the sender's ids may collide with ours or between senders);</li>
 * <li>the citizen is matched by CCCD (conditional create, never a second Patient), the facility by
 * its facility code and the practitioner by licence: directory and identity are shared, not copied;
 * the visit is matched by its treatment-episode identifier (MA_LK of the facility), so a visit already
 * on file (sent by the EMR, loaded from the hospital XML, or named by an earlier document of the same
 * stay) is the document's visit, not a second one;</li>
 * <li>everything else (Composition, Encounter, Conditions, MedicationRequests…) is created as the
 * document states it;</li>
 * <li>a reference to an Organization of the document also carries that organisation's facility code,
 * so the write rules judge who acts (author, custodian, provider) exactly as for a single write.</li>
 * </ul>
 * Works on a copy; the document itself is stored unchanged.
 */
final class DocumentTransaction {

    /** The transaction and, for each document entry, whether it is matched rather than created. */
    record Built(Bundle transaction, List<String> conditions, int subjectEntry) {
    }

    private DocumentTransaction() {
    }

    /** Requires every reference to resolve ({@link DocumentReferences#unresolved} empty). */
    static Built of(Bundle document) {
        Bundle copy = document.copy();
        List<Bundle.BundleEntryComponent> entries = copy.getEntry();
        // placeholders keep the Type/id form: the guide's rules read reference strings
        // (nhr-mr-requester: "Practitioner/…"), and HAPI replaces them as it does urn:uuid:
        List<String> placeholders = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : entries) {
            placeholders.add((entry.hasResource() ? entry.getResource().fhirType() : "Resource") + "/nhrdoc-" + UUID.randomUUID());
        }
        for (DocumentReferences.Link link : DocumentReferences.of(copy)) {
            if (!link.resolved()) {
                throw new IllegalArgumentException(link.path() + " does not resolve: " + link.reference().getReference());
            }
            link.reference().setReference(placeholders.get(link.target()));
            if (entries.get(link.target()).getResource() instanceof Organization org && !link.reference().hasIdentifier()) {
                facilityCode(org).ifPresent(code -> link.reference().setIdentifier(code.copy()));
            }
        }
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource == null) {
                conditions.add(null);
                continue;
            }
            resource.setIdElement(null);
            String type = resource.fhirType();
            String condition = matchedBy(resource).map(id -> "identifier=" + id.getSystem() + "|" + id.getValue()).orElse(null);
            conditions.add(condition);
            Bundle.BundleEntryRequestComponent request = tx.addEntry().setFullUrl(placeholders.get(i)).setResource(resource)
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
            if (condition != null) {
                request.setIfNoneExist(condition);
            }
        }
        return new Built(tx, conditions, subjectEntry(document));
    }

    /**
     * The identifier a shared resource is matched on: the citizen's CCCD, the facility code, the
     * practising licence, the visit's MA_LK.
     */
    static Optional<Identifier> matchedBy(Resource resource) {
        if (resource instanceof Encounter encounter) {
            return encounter.getIdentifier().stream()
                    .filter(id -> id.hasSystem() && id.getSystem().startsWith(NhrIdentifierSystems.TREATMENT_EPISODE_PREFIX) && id.hasValue())
                    .map(id -> new Identifier().setSystem(id.getSystem()).setValue(id.getValue().strip())).findFirst();
        }
        String system = switch (resource.fhirType()) {
            case "Patient" -> NhrIdentifierSystems.CITIZEN_ID;
            case "Organization" -> NhrIdentifierSystems.FACILITY_CODE;
            case "Practitioner" -> NhrIdentifierSystems.PRACTITIONER_LICENCE;
            default -> null;
        };
        if (system == null) {
            return Optional.empty();
        }
        List<Identifier> identifiers = resource instanceof Patient p ? p.getIdentifier()
                : resource instanceof Organization o ? o.getIdentifier()
                : ((Practitioner) resource).getIdentifier();
        return identifiers.stream().filter(id -> system.equals(id.getSystem()) && id.hasValue())
                .map(id -> new Identifier().setSystem(system).setValue(id.getValue().strip())).findFirst();
    }

    private static Optional<Identifier> facilityCode(Organization org) {
        return matchedBy(org);
    }

    /** The entry the Composition's subject points at (the citizen), or the first Patient entry; -1 if none. */
    static int subjectEntry(Bundle document) {
        List<Bundle.BundleEntryComponent> entries = document.getEntry();
        if (!entries.isEmpty() && entries.get(0).getResource() instanceof Composition composition
                && composition.getSubject().hasReference()) {
            int target = DocumentReferences.resolve(DocumentReferences.index(document), composition.getSubject().getReference());
            if (target >= 0 && entries.get(target).getResource() instanceof Patient) {
                return target;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() instanceof Patient) {
                return i;
            }
        }
        return -1;
    }
}
