package vn.ehealth.nhr.loaders.xml130;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends episodes on several lanes at once ({@code nhr-load xml130 --parallel N}). Episodes are
 * independent transactions, except that two episodes of one citizen must not race: both would try
 * to create the same new Patient (conditional create on the CCCD) and one would be refused. So all
 * episodes of one citizen go down the same lane, in the order of the file; lanes run side by side.
 *
 * <p>At most four episodes per lane wait in memory (a 200 MB envelope is still streamed). The first
 * unexpected failure (e.g. no token can be had) stops the work still waiting and is thrown again
 * by {@link #close()}; refused episodes are not failures, they are in the report.
 */
final class EpisodeLanes implements AutoCloseable {

    private final ExecutorService[] lanes;
    private final Semaphore waiting;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    EpisodeLanes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "xml130-lane-" + (i + 1);
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        waiting = new Semaphore(count * 4);
    }

    /** Queues the episode's work on its citizen's lane; blocks while too many are waiting. */
    void submit(Xml130Episode episode, Runnable work) {
        rethrowFailure();
        waiting.acquireUninterruptibly();
        lanes[laneOf(episode)].execute(() -> {
            try {
                if (failure.get() == null) {
                    work.run();
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                waiting.release();
            }
        });
    }

    int laneOf(Xml130Episode episode) {
        return Math.floorMod(citizenKey(episode).hashCode(), lanes.length);
    }

    /** Who the episode is about: CCCD, else insurance card, else the facility's patient number, else the episode. */
    static String citizenKey(Xml130Episode episode) {
        Xml130Row summary = episode.summary();
        if (summary != null) {
            for (String column : new String[] {"SO_CCCD", "MA_THE_BHYT", "MA_BN"}) {
                String value = summary.get(column);
                if (value != null && !value.isBlank()) {
                    return column + ":" + value.strip();
                }
            }
        }
        return "episode:" + episode.label();
    }

    /** Waits until every queued episode is done; throws the first failure, if any. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        try {
            for (ExecutorService lane : lanes) {
                while (!lane.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a slow server: keep waiting, the report needs every answer
                }
            }
        } catch (InterruptedException e) {
            for (ExecutorService lane : lanes) {
                lane.shutdownNow();
            }
            Thread.currentThread().interrupt();
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
