package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;

import java.util.Optional;

/** Where resources already on file are stored (JPA in the server, a map in unit tests). */
public interface StoredPartitions {

    /** The partition of the stored {@code type/id} (deleted or not); empty when nothing is stored under it. */
    Optional<RequestPartitionId> partitionOf(String type, String id);

    /**
     * The partition of the one Patient a conditional reference ({@code Patient?identifier=…}) names;
     * empty when none or several match.
     */
    Optional<RequestPartitionId> partitionOfPatientMatching(String conditionalUrl);
}
