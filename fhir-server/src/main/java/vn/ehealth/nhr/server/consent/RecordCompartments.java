package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose record a resource belongs to: the Patients whose compartment it is in (FHIR's Patient
 * CompartmentDefinition, as HAPI's search parameters carry it). A Patient is its own owner; a
 * stored discharge document belongs to the Patient the server matched it to (its
 * {@link #DOCUMENT_SUBJECT_TAG} tag, set by {@code document/DischargeDocumentService}: the document's own
 * Patient entry carries the sender's id, not ours); any other Bundle to the owners of its entries.
 */
public final class RecordCompartments {

    /** Tag system of a stored document's owner; the code is {@code Patient/<id>}. Set by the server only. */
    public static final String DOCUMENT_SUBJECT_TAG = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/document-subject";

    /** Compartment parameters that name the Patient a resource is about. */
    public static final Set<String> SUBJECT_PARAMETERS = Set.of("patient", "subject", "beneficiary");

    private final FhirContext fhirContext;
    /** Per type: its other compartment parameters, to leave out when asking for subjects (null: none to leave out). */
    private final Map<String, Optional<CompartmentSearchParameterModifications>> otherParticipants = new ConcurrentHashMap<>();

    public RecordCompartments(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Id parts of the owning Patients; empty for resources outside every Patient compartment. */
    public Set<String> owners(IBaseResource resource) {
        Set<String> owners = new LinkedHashSet<>();
        collect(resource, owners, 0);
        return owners;
    }

    private void collect(IBaseResource resource, Set<String> owners, int depth) {
        if (resource == null || depth > 3) {
            return;
        }
        String type = fhirContext.getResourceType(resource);
        if ("Patient".equals(type)) {
            if (resource.getIdElement().hasIdPart()) {
                owners.add(resource.getIdElement().getIdPart());
            }
            return;
        }
        if (resource instanceof Bundle bundle) {
            Set<String> subjects = documentSubjects(bundle);
            if (!subjects.isEmpty()) {
                owners.addAll(subjects);
                return;
            }
            bundle.getEntry().forEach(e -> collect(e.getResource(), owners, depth + 1));
            return;
        }
        if (fhirContext.getResourceDefinition(resource).getSearchParamsForCompartmentName("Patient").isEmpty()) {
            return;
        }
        FhirTerser terser = fhirContext.newTerser();
        for (IIdType id : terser.getCompartmentOwnersForResource("Patient", resource, java.util.Set.of())) {
            if (id.hasIdPart() && (!id.hasResourceType() || "Patient".equals(id.getResourceType()))) {
                owners.add(id.getIdPart());
            }
        }
    }

    /**
     * Id parts of the Patients the resource is <em>about</em> (rule 4: what a facility reads "about a
     * patient" needs that patient's Consent): its compartment parameters that name the record's subject
     * ({@link #SUBJECT_PARAMETERS}), not those naming someone else who took part (a Condition's asserter,
     * an Observation's performer). A type without such a parameter, or a resource that fills none of them,
     * answers {@link #owners}; so do Patients and Bundles.
     */
    public Set<String> subjects(IBaseResource resource) {
        if (resource == null || resource instanceof Bundle) {
            return owners(resource);
        }
        String type = fhirContext.getResourceType(resource);
        CompartmentSearchParameterModifications others = otherParticipants.computeIfAbsent(type, this::otherParticipants).orElse(null);
        if ("Patient".equals(type) || others == null) {
            return owners(resource);
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (IIdType id : fhirContext.newTerser().getCompartmentOwnersForResource("Patient", resource, others)) {
            if (id.hasIdPart() && (!id.hasResourceType() || "Patient".equals(id.getResourceType()))) {
                subjects.add(id.getIdPart());
            }
        }
        return subjects.isEmpty() ? owners(resource) : subjects;
    }

    /**
     * Whether a search parameter of the type names the record's subject: it follows the path of one of the
     * type's subject parameters ({@code Observation?patient=} follows {@code Observation.subject}).
     */
    public boolean isSubjectParameter(String type, String searchParameter) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        RuntimeSearchParam searched = definition.getSearchParam(searchParameter);
        if (searched == null) {
            return false;
        }
        Set<String> searchedPaths = plainPaths(searched);
        return definition.getSearchParamsForCompartmentName("Patient").stream()
                .filter(p -> SUBJECT_PARAMETERS.contains(p.getName()))
                .anyMatch(p -> plainPaths(p).containsAll(searchedPaths));
    }

    private static Set<String> plainPaths(RuntimeSearchParam parameter) {
        Set<String> paths = new LinkedHashSet<>();
        for (String path : parameter.getPathsSplit()) {
            String plain = path.strip();
            int where = plain.indexOf(".where(");
            paths.add(where >= 0 ? plain.substring(0, where) : plain);
        }
        return paths;
    }

    /** The compartment parameters of a type other than its subject ones; empty when the type has no subject parameter or no other. */
    private Optional<CompartmentSearchParameterModifications> otherParticipants(String type) {
        List<RuntimeSearchParam> parameters = fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient");
        List<String> others = parameters.stream().map(RuntimeSearchParam::getName).filter(n -> !SUBJECT_PARAMETERS.contains(n)).toList();
        if (others.isEmpty() || others.size() == parameters.size()) {
            return Optional.empty();
        }
        CompartmentSearchParameterModifications modifications = new CompartmentSearchParameterModifications();
        others.forEach(name -> modifications.addSPToOmitFromCompartment(type, name));
        return Optional.of(modifications);
    }

    /** The Patient ids a stored document is tagged with by the server. */
    public static Set<String> documentSubjects(Bundle bundle) {
        Set<String> subjects = new LinkedHashSet<>();
        for (org.hl7.fhir.r4.model.Coding tag : bundle.getMeta().getTag()) {
            if (DOCUMENT_SUBJECT_TAG.equals(tag.getSystem()) && tag.hasCode() && tag.getCode().startsWith("Patient/")) {
                subjects.add(tag.getCode().substring("Patient/".length()));
            }
        }
        return subjects;
    }
}
