package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.jpa.rp.r4.BundleResourceProvider;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * HAPI's {@code Bundle} resource provider, except that a Bundle of type {@code document} sent with
 * {@code POST /Bundle} or {@code PUT /Bundle/{id}} is received as a discharge document by
 * {@link DischargeDocumentService} (the document and each of its entries stored, idempotent on
 * {@code Bundle.identifier}). The REST bindings stay HAPI's (the overridden methods inherit their
 * annotations); every other Bundle and interaction is HAPI's own. Replaces HAPI's Bundle provider
 * in {@code RestfulServerConfig}.
 */
public class DocumentBundleResourceProvider extends BundleResourceProvider {

    private final DischargeDocumentService documents;

    public DocumentBundleResourceProvider(DischargeDocumentService documents) {
        this.documents = documents;
    }

    @Override
    public MethodOutcome create(HttpServletRequest servletRequest, Bundle resource, String conditional, RequestDetails request) {
        if (DischargeDocumentService.isDocument(resource) && (conditional == null || conditional.isBlank())) {
            return documents.receive(resource, null, request);
        }
        return super.create(servletRequest, resource, conditional, request);
    }

    @Override
    public MethodOutcome update(HttpServletRequest servletRequest, Bundle resource, IIdType id, String conditional,
            RequestDetails request) {
        if (DischargeDocumentService.isDocument(resource) && (conditional == null || conditional.isBlank())
                && id != null && id.hasIdPart()) {
            return documents.receive(resource, id, request);
        }
        return super.update(servletRequest, resource, id, conditional, request);
    }
}
