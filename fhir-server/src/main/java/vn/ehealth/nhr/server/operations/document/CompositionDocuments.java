package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDaoComposition;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored Composition and everything it references, as HAPI's {@code Composition/{id}/$document}
 * gathers it (the Composition with {@code _include=*} recursively), read with the caller's request:
 * the consent rules drop what the caller may not see, and refuse outright (403) when the
 * Composition itself is hidden.
 */
public class CompositionDocuments {

    /** A document is a page of a handful of resources; this bounds a pathological one. */
    static final int MAX_RESOURCES = 2000;
    private static final int PAGE = 200;

    private final DaoRegistry daos;

    public CompositionDocuments(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The document Bundle, Composition first; 404 when there is no such Composition. */
    @SuppressWarnings("unchecked")
    public Bundle rebuild(IIdType compositionId, HttpServletRequest servletRequest, RequestDetails request) {
        IFhirResourceDaoComposition<Composition> dao =
                (IFhirResourceDaoComposition<Composition>) daos.getResourceDao(Composition.class);
        IBundleProvider found = dao.getDocumentForComposition(servletRequest, compositionId.toUnqualifiedVersionless(),
                null, null, null, null, request);
        List<IBaseResource> resources = new ArrayList<>();
        for (int from = 0; from < MAX_RESOURCES; from += PAGE) {
            List<IBaseResource> page = found.getResources(from, from + PAGE);
            resources.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        Composition composition = resources.stream().filter(Composition.class::isInstance).map(Composition.class::cast)
                .filter(c -> c.getIdElement().getIdPart().equals(compositionId.getIdPart())).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(compositionId.withResourceType("Composition")));
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        document.setTimestamp(composition.getDate());
        document.addEntry().setFullUrl(fullUrl(request, composition)).setResource(composition);
        for (IBaseResource r : resources) {
            if (r != composition) {
                document.addEntry().setFullUrl(fullUrl(request, (Resource) r)).setResource((Resource) r);
            }
        }
        return document;
    }

    private static String fullUrl(RequestDetails request, Resource resource) {
        String base = request.getFhirServerBase();
        return (base == null ? "" : base + "/") + resource.getIdElement().toUnqualifiedVersionless().getValue();
    }
}
