package io.vigil.notification;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * The loop every outbox sender runs: a pass claims and dispatches a batch of due rows, and passes
 * repeat while batches come back non-empty. Wake-ups (a commit-time {@code NOTIFY}, a finished send,
 * the poll) are coalesced: one arriving during a pass makes exactly one more pass, never a second
 * concurrent one, so a sender never races itself for rows.
 */
public final class OutboxPump {

    private static final Logger LOG = Logger.getLogger(OutboxPump.class);

    private final String name;
    private final ExecutorService workers;
    private final IntSupplier pass;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    /**
     * @param pass claims due rows, hands them to {@code workers} and returns how many it claimed
     */
    public OutboxPump(String name, ExecutorService workers, Duration pollInterval, IntSupplier pass) {
        this.name = name;
        this.workers = workers;
        this.pass = pass;
        this.ticker = Executors.newSingleThreadScheduledExecutor(threads(name + "-poll"));
        ticker.scheduleWithFixedDelay(this::wake, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Looks for due rows now. */
    public void wake() {
        if (stopping) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                workers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                running.set(false);
            }
        }
    }

    /** Whether no pass is under way (sends handed to the workers may still be). */
    public boolean passing() {
        return running.get();
    }

    /** Stops waking; sends under way get {@code grace} to finish, the rest keep their lease for another instance. */
    public void stop(Duration grace) {
        stopping = true;
        ticker.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false) && !stopping) {
                int claimed;
                do {
                    claimed = pass.getAsInt();
                } while (claimed > 0 && !stopping);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s pass failed; the next poll retries", name);
        } finally {
            running.set(false);
            if (again.get() && !stopping) {
                wake();
            }
        }
    }

    /** Daemon threads named {@code name-1}, {@code name-2} … */
    public static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
