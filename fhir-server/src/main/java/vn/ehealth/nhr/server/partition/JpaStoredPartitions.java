package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.PartitionablePartitionId;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored partitions looked up through HAPI: a resource's identity (HAPI caches the ones it found,
 * and a resource never changes partition) and, for conditional references, a search over all
 * partitions as internal work.
 */
public class JpaStoredPartitions implements StoredPartitions {

    private final FhirContext fhir;
    private final IHapiTransactionService transactions;
    private final IIdHelperService<JpaPid> ids;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;
    private final ProvincePartitions provinces;

    public JpaStoredPartitions(FhirContext fhir, IHapiTransactionService transactions, IIdHelperService<JpaPid> ids,
            DaoRegistry daos, MatchUrlService matchUrls, ProvincePartitions provinces) {
        this.fhir = fhir;
        this.transactions = transactions;
        this.ids = ids;
        this.daos = daos;
        this.matchUrls = matchUrls;
        this.provinces = provinces;
    }

    @Override
    public Optional<RequestPartitionId> partitionOf(String type, String id) {
        // joins the write's transaction when there is one (HAPI's id look-ups need one); nothing thrown
        // inside, so a miss never marks that transaction for rollback
        IIdType wanted = new IdType(type, id);
        Map<IIdType, IResourceLookup<JpaPid>> found = transactions.withSystemRequestOnPartition(RequestPartitionId.allPartitions())
                .execute(() -> ids.resolveResourceIdentities(RequestPartitionId.allPartitions(), List.of(wanted),
                        ResolveIdentityMode.includeDeleted().cacheOk()));
        return found.values().stream().findFirst().map(lookup -> {
            PartitionablePartitionId partition = lookup.getPartitionId();
            return provinces.partition(partition == null ? null : partition.getPartitionId());
        });
    }

    @Override
    public Optional<RequestPartitionId> partitionOfPatientMatching(String conditionalUrl) {
        SearchParameterMap map = matchUrls.translateMatchUrl(conditionalUrl, fhir.getResourceDefinition("Patient"));
        map.setLoadSynchronous(true);
        map.setCount(2);
        List<String> found = daos.getResourceDao("Patient").search(map, SystemRequestDetails.forAllPartitions())
                .getAllResourceIds();
        if (found.size() != 1) {
            return Optional.empty();
        }
        return partitionOf("Patient", new IdType(found.get(0)).getIdPart());
    }
}
