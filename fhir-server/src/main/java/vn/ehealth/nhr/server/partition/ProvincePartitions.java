package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.CitizenIdNumber;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.Locale;

/**
 * The rule that names a citizen's partition: the province code of the CCCD (its first three digits,
 * stable for life and known from the number alone) is the partition id, 001 → 1, 079 → 79, named
 * {@code province-079}. A Patient without a well-formed CCCD, and anything not about one citizen,
 * is in the default partition, 0 (no province has that code).
 */
public final class ProvincePartitions {

    public static final int DEFAULT_PARTITION_ID = 0;

    private final PartitionSettings settings;

    public ProvincePartitions(PartitionSettings settings) {
        this.settings = settings;
    }

    public RequestPartitionId defaultPartition() {
        return RequestPartitionId.defaultPartition(settings);
    }

    /** The partition of the province coded in {@code cccd}; the default partition if it is no CCCD. */
    public RequestPartitionId ofCccd(String cccd) {
        return CitizenIdNumber.parse(cccd)
                .map(n -> Integer.parseInt(n.provinceCode()))
                .filter(code -> code > 0)
                .map(this::partition)
                .orElseGet(this::defaultPartition);
    }

    /** The partition of the province of the Patient's (first) CCCD; the default partition without one. */
    public RequestPartitionId ofPatient(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst()
                .map(this::ofCccd)
                .orElseGet(this::defaultPartition);
    }

    /** A partition by its stored id ({@code null}: the default partition). */
    public RequestPartitionId partition(Integer partitionId) {
        if (partitionId == null || partitionId.equals(settings.getDefaultPartitionId())) {
            return defaultPartition();
        }
        return RequestPartitionId.fromPartitionIdAndName(partitionId, name(partitionId));
    }

    public static String name(int partitionId) {
        return String.format(Locale.ROOT, "province-%03d", partitionId);
    }
}
