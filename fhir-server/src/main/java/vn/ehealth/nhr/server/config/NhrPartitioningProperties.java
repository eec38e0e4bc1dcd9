package vn.ehealth.nhr.server.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How records are spread over HAPI partitions in one database (docs/SCALE.md 3.1, ADR 18).
 * Env: {@code NHR_PARTITIONING_MODE}.
 *
 * <p>{@code NONE} (default): HAPI's partitioning stays off, exactly as before. {@code PROVINCE}: a
 * citizen's Patient and everything in its compartment go to the partition of the province coded in
 * the CCCD's first three digits; directory, catalogues and everything else stay in the default
 * partition; reads and searches see all partitions (partition/ProvincePartitionInterceptor).
 * Choose it before the store's first write: records stored earlier stay in the default partition.
 */
@Validated
@ConfigurationProperties("nhr.partitioning")
public class NhrPartitioningProperties {

    public enum Mode { NONE, PROVINCE }

    /** {@code NONE} or {@code PROVINCE}; any other value refuses to start. */
    @NotNull
    private Mode mode = Mode.NONE;

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public boolean isByProvince() {
        return mode == Mode.PROVINCE;
    }
}
