package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.IResourceMetadataExtractorSvc;
import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceServiceRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.search.BatchResourceLoader;
import ca.uhn.fhir.util.IMetaTagSorter;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.ArrayList;
import java.util.List;

/**
 * HAPI's loader of stored resources, which hands the answer of a search the resources its consent
 * check has just loaded and judged in the same request ({@link JudgedResourceReuse}) instead of
 * parsing them and reading their tags again. Everything else, history included, loads as in HAPI.
 */
public class JudgedResourceReusingLoader extends BatchResourceLoader {

    public JudgedResourceReusingLoader(FhirContext fhirContext, IResourceMetadataExtractorSvc metadataExtractor,
            IJpaStorageResourceParser parser, ExternallyStoredResourceServiceRegistry externallyStored,
            IMetaTagSorter metaTagSorter, PartitionSettings partitionSettings, IPartitionLookupSvc partitionLookup) {
        super(fhirContext, metadataExtractor, parser, externallyStored, metaTagSorter, partitionSettings, partitionLookup);
    }

    @Override
    public List<ResourceLoadResult> loadResources(List<ResourceHistoryTable> entities, boolean forHistoryOperation) {
        JudgedResourceReuse.Scope scope = JudgedResourceReuse.current();
        if (scope == null || forHistoryOperation) {
            return super.loadResources(entities, forHistoryOperation);
        }
        if (scope.keeping()) {
            List<ResourceLoadResult> loaded = super.loadResources(entities, false);
            for (ResourceLoadResult r : loaded) {
                Long version = r.isDeleted() || r.resource() == null ? null : r.resource().getIdElement().getVersionIdPartAsLong();
                if (version != null) {
                    scope.keep(r.pid().getId(), version, r.resource());
                }
            }
            return loaded;
        }
        List<ResourceLoadResult> results = new ArrayList<>(entities.size());
        List<ResourceHistoryTable> toLoad = new ArrayList<>();
        for (ResourceHistoryTable entity : entities) {
            IBaseResource judged = entity.getDeleted() == null
                    ? scope.take(entity.getPersistentId().getId(), entity.getVersion()) : null;
            if (judged != null) {
                results.add(new ResourceLoadResult(entity.getPersistentId(), judged, false));
            } else {
                toLoad.add(entity);
            }
        }
        if (!toLoad.isEmpty()) {
            results.addAll(super.loadResources(toLoad, false));
        }
        return results;
    }
}
