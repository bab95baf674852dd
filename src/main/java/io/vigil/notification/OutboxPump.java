package io.vigil.notification;

import io.vigil.common.persistence.DatabaseOutage;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.jboss.logging.Logger;

/**
 * The loop every outbox sender runs: a pass claims and dispatches a batch of due rows, and passes
 * repeat while batches come back non-empty. Wake-ups (a commit-time {@code NOTIFY}, a finished send,
 * the poll) are coalesced: one arriving during a pass makes exactly one more pass, never a second
 * concurrent one, so a sender never races itself for rows. At most {@code maxInFlight} rows are out
 * at once: a pass may claim only as many as are free, and each one is given back by {@link #done()}.
 */
public final class OutboxPump {

    private static final Logger LOG = Logger.getLogger(OutboxPump.class);

    private final String name;
    private final ExecutorService workers;
    private final IntUnaryOperator pass;
    private final Semaphore free;
    private final int maxInFlight;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    /**
     * @param pass given how many rows it may take, claims at most that many due rows, hands them to
     *             {@code workers} and returns how many it claimed; each must end with {@link #done()}
     */
    public OutboxPump(String name, ExecutorService workers, Duration pollInterval, int maxInFlight,
                      IntUnaryOperator pass) {
        this.name = name;
        this.workers = workers;
        this.pass = pass;
        this.free = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
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

    /** A claimed row is finished (sent, failed, or left to its lease): its slot is free again. */
    public void done() {
        free.release();
        wake();
    }

    /** Whether no pass is under way (sends handed to the workers may still be). */
    public boolean passing() {
        return running.get();
    }

    /**
     * Stops claiming; rows already claimed get {@code grace} to finish (every slot given back by
     * {@link #done()}), and only then are the workers stopped, because an asynchronous send
     * completes on them. Whatever is still out keeps its lease and is taken by another instance.
     */
    public void stop(Duration grace) {
        stopping = true;
        ticker.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while ((running.get() || free.availablePermits() < maxInFlight) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            int out = maxInFlight - free.availablePermits();
            if (out > 0) {
                LOG.warnf("%s stopped with %d sends still under way after %s; their rows stay leased and another "
                        + "instance takes them when the lease ends", name, out, grace);
            }
            workers.shutdown();
            workers.awaitTermination(Math.max(0, deadline - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(200),
                    TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false) && !stopping) {
                int claimed;
                do {
                    claimed = passOnce();
                } while (claimed > 0 && !stopping);
            }
        } catch (RuntimeException e) {
            DatabaseOutage.log(LOG, Logger.Level.WARN, e, "%s pass failed; the next poll retries", name);
        } finally {
            running.set(false);
            if (again.get() && !stopping) {
                wake();
            }
        }
    }

    private int passOnce() {
        int available = free.drainPermits();
        if (available == 0) {
            return 0;
        }
        int claimed;
        try {
            claimed = pass.applyAsInt(available);
        } catch (RuntimeException e) {
            free.release(available);
            throw e;
        }
        free.release(available - claimed);
        return claimed;
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
