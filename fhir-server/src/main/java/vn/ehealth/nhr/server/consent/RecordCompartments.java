package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

import java.util.LinkedHashSet;
import java.util.Set;

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

    private final FhirContext fhirContext;

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
