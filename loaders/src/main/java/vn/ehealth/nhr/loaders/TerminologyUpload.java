package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends one catalogue version (its CodeSystem, and the ValueSets and ConceptMaps that belong to it)
 * to a server as a single FHIR transaction of conditional updates keyed on {@code url} and
 * {@code version}: all or nothing; loading the same version twice changes nothing; a new version
 * is a new resource, so the previous one stays queryable.
 */
public final class TerminologyUpload {

    private TerminologyUpload() {
    }

    /** The transaction that loads {@code resources}; each must have a url and a version. */
    public static Bundle transaction(List<? extends MetadataResource> resources) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (MetadataResource r : resources) {
            if (!r.hasUrl() || !r.hasVersion()) {
                throw new IllegalArgumentException(r.fhirType() + " " + r.getIdElement().getIdPart()
                        + " needs a url and a version to be loaded idempotently");
            }
            String match = r.fhirType() + "?url=" + URLEncoder.encode(r.getUrl(), StandardCharsets.UTF_8)
                    + "&version=" + URLEncoder.encode(r.getVersion(), StandardCharsets.UTF_8);
            r.setId((String) null);
            tx.addEntry().setResource(r).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(match);
        }
        return tx;
    }

    /** Loads the resources into the server behind {@code client}; returns the server's response. */
    public static Bundle load(IGenericClient client, List<? extends MetadataResource> resources) {
        return client.transaction().withBundle(transaction(resources)).execute();
    }
}
