package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.ehealth.nhr.server.security.AccessContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where every AuditEvent goes (HAPI's BALP interceptor and ours): completed on the request thread
 * with what only the request knows (facility, purpose of use, break-the-glass, administrator
 * access), then queued and stored by one background writer.
 *
 * <p>Why a queue: the request must not wait for, or fail because of, the audit database write.
 * Why bounded: memory. When the queue is full the writer is behind (a load writes or reads faster
 * than events can be stored), and the request waits up to {@code nhr.audit.full-queue-wait} for
 * room: the load slows to what can be audited instead of losing its trace. Only past that wait is
 * an event dropped, visibly (ERROR log line with who/what/when, counter
 * {@code nhr.audit.events{outcome="dropped"}}). The writer stores events by the batch, in one
 * database transaction each. A write that fails is logged and counted ({@code failed}); the writer
 * goes on with the next event.
 */
public class AuditTrail implements IBalpAuditEventSink, SmartLifecycle {

    /** Stores one event; throws when it cannot. */
    @FunctionalInterface
    interface Writer {
        void write(AuditEvent event) throws Exception;

        /**
         * Stores all the events in one database transaction, or none of them (then throws); false
         * when this writer cannot, and the events are written one by one.
         */
        default boolean writeAllOrNone(List<AuditEvent> events) throws Exception {
            return false;
        }
    }

    static final String METRIC = "nhr.audit.events";
    /** outcomeDesc of an interaction whose database transaction was rolled back. */
    static final String NOT_COMMITTED = "Không hoàn tất: giao dịch bị hủy / not done: the transaction was rolled back";
    /** How long shutdown waits for the queue to be written. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final BlockingQueue<AuditEvent> queue;
    /** How long a request waits for room in a full queue before its event is dropped. */
    private final Duration fullQueueWait;
    private final int batchSize;
    private final Writer writer;
    private final Supplier<Optional<AccessContext>> contexts;
    private final Counter written;
    private final Counter failed;
    private final Counter dropped;
    /** Events queued, and events the writer is done with (stored, failed or abandoned): for {@link #flush}. */
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final Object progress = new Object();

    private volatile boolean accepting = true;
    private volatile boolean running;
    private volatile boolean abandon;
    private Thread thread;

    AuditTrail(int queueCapacity, int batchSize, Writer writer, Supplier<Optional<AccessContext>> contexts,
            MeterRegistry meters) {
        this(queueCapacity, batchSize, Duration.ZERO, writer, contexts, meters);
    }

    AuditTrail(int queueCapacity, int batchSize, Duration fullQueueWait, Writer writer,
            Supplier<Optional<AccessContext>> contexts, MeterRegistry meters) {
        this.fullQueueWait = fullQueueWait;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSize = Math.max(1, batchSize);
        this.writer = writer;
        this.contexts = contexts;
        this.written = counter(meters, "written");
        this.failed = counter(meters, "failed");
        this.dropped = counter(meters, "dropped");
        Gauge.builder("nhr.audit.queue", queue, BlockingQueue::size)
                .description("AuditEvents waiting to be stored").register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(METRIC).tag("outcome", outcome)
                .description("AuditEvents by what became of them: written, failed (store error), dropped (queue full)")
                .register(meters);
    }

    /**
     * Never throws; waits at most {@code fullQueueWait} for room in a full queue, then drops the
     * event (logged and counted). Called
     * inside a database transaction, the event waits for its end: rolled back, it is recorded as a
     * failure (outcome 4).
     */
    @Override
    public void recordAuditEvent(AuditEvent event) {
        try {
            contexts.get().ifPresent(context -> AuditEnrichment.enrich(event, context));
        } catch (RuntimeException e) { // a half-enriched event is still worth keeping
            LOG.warn("Could not complete AuditEvent from the request's access context: {}", e.toString());
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // BALP records writes before their commit: queue them once the outcome is known, so the
            // writer neither records a rolled-back write as done nor races the commit of what it names
            pendingInThisTransaction().events.add(event);
            return;
        }
        enqueue(event);
    }

    /** The events of the current database transaction, queued (merged) when it completes. */
    private PendingEvents pendingInThisTransaction() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof PendingEvents pending && pending.trail == this) {
                return pending;
            }
        }
        PendingEvents pending = new PendingEvents(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** Registered once per transaction (identity equality: Spring keeps synchronizations in a set). */
    private static final class PendingEvents implements TransactionSynchronization {
        private final AuditTrail trail;
        private final List<AuditEvent> events = new ArrayList<>();

        PendingEvents(AuditTrail trail) {
            this.trail = trail;
        }

        @Override
        public void afterCompletion(int status) {
            for (AuditEvent event : AuditEventMerger.merge(events)) {
                if (status != STATUS_COMMITTED) {
                    AuditEvents.failed(event, NOT_COMMITTED);
                }
                trail.enqueue(event);
            }
        }
    }

    private void enqueue(AuditEvent event) {
        if (!accepting) {
            drop(event, "the audit writer has stopped");
            return;
        }
        boolean queued = queue.offer(event);
        if (!queued && !fullQueueWait.isZero()) {
            // the writer is behind: slow the request down rather than lose its trace
            try {
                queued = queue.offer(event, fullQueueWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (queued) {
            accepted.incrementAndGet();
        } else {
            drop(event, "the audit queue is full (" + queue.remainingCapacity() + " free)");
        }
    }

    private void drop(AuditEvent event, String why) {
        dropped.increment();
        LOG.error("AuditEvent DROPPED, {}: {}", why, AuditEvents.summary(event));
    }

    /**
     * Waits until every event queued before this call is stored (or failed).
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (processed.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        accepting = true;
        abandon = false;
        thread = new Thread(this::drain, "nhr-audit-writer");
        thread.setDaemon(true); // never keeps the JVM alive; shutdown drains explicitly in stop()
        thread.start();
    }

    /** Stops taking events and writes what is queued, waiting at most {@link #DRAIN_TIMEOUT}. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        accepting = false;
        running = false;
        try {
            thread.join(DRAIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            abandon = true;
            List<AuditEvent> left = new ArrayList<>();
            queue.drainTo(left);
            for (AuditEvent event : left) {
                drop(event, "shutdown could not store it within " + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            done(left.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its requests, and before the database goes away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (!abandon && (running || !queue.isEmpty())) {
            try {
                AuditEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                if (!storeTogether(batch)) {
                    for (AuditEvent event : batch) {
                        store(event);
                    }
                }
                done(batch.size());
            } catch (InterruptedException e) {
                LOG.warn("Audit writer interrupted; {} events still queued are written before it stops", queue.size());
                running = false;
            } catch (RuntimeException | Error e) { // keep auditing whatever one batch did
                LOG.error("Audit writer error", e);
                done(batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * One database transaction for the whole batch: a commit per event could not keep up with a
     * load (an ingest of 150 resources/s queues as many events). If the batch is refused as a whole
     * (one event names a resource that is gone, ...), each event is stored on its own instead, so
     * one bad event never costs the others.
     */
    private boolean storeTogether(List<AuditEvent> batch) {
        if (batch.size() < 2) {
            return false;
        }
        try {
            if (writer.writeAllOrNone(batch)) {
                written.increment(batch.size());
                return true;
            }
        } catch (Exception e) {
            LOG.debug("A batch of {} AuditEvents was refused as a whole ({}); storing them one by one", batch.size(), e.toString());
        }
        return false;
    }

    private void store(AuditEvent event) {
        try {
            writer.write(event);
            written.increment();
        } catch (Exception e) {
            failed.increment();
            LOG.error("AuditEvent NOT STORED ({}): {}", e.getMessage(), AuditEvents.summary(event));
        }
    }

    private void done(int count) {
        processed.addAndGet(count);
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
