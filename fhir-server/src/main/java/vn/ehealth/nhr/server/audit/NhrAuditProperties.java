package vn.ehealth.nhr.server.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The audit log (IHE BALP AuditEvents stored in the server itself). Env: {@code NHR_AUDIT_ENABLED},
 * {@code NHR_AUDIT_QUEUE_CAPACITY}, {@code NHR_AUDIT_BATCH_SIZE}, {@code NHR_AUDIT_FULL_QUEUE_WAIT}.
 *
 * <p>Events are queued on the request thread and stored by one background writer, so a slow or
 * failing database never holds up a clinical request; the queue bounds the memory this may take.
 */
@Validated
@ConfigurationProperties("nhr.audit")
public class NhrAuditProperties {

    /**
     * Record AuditEvents. Switch off only for the side-by-side benchmark against plain HAPI: the
     * national record must audit every access.
     */
    private boolean enabled = true;

    /** Events waiting to be stored; when full, new events are dropped, logged at ERROR and counted. */
    @Min(100)
    private int queueCapacity = 10_000;

    /** Events the writer takes from the queue at a time, and stores in one database transaction. */
    @Min(1)
    private int batchSize = 100;

    /**
     * How long a request waits for room when the queue is full (the writer is behind) before its
     * event is dropped: a load is slowed to what can be audited rather than losing its trace.
     */
    @NotNull
    private Duration fullQueueWait = Duration.ofSeconds(5);

    public Duration getFullQueueWait() {
        return fullQueueWait;
    }

    public void setFullQueueWait(Duration fullQueueWait) {
        this.fullQueueWait = fullQueueWait;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
