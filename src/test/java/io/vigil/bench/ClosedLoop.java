package io.vigil.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load driver with a fixed number of operations in flight: {@code concurrency}
 * chains each start the next operation as soon as their previous one completes, until
 * {@code count} operations have completed. The API phases and the ceiling phases use this same
 * driver, so they differ only in what one operation does.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** What one phase measured. Latencies are per operation, from issue to completion. */
    record Result(String name, int count, int concurrency, long elapsedNanos, long[] latencyNanos) {

        double opsPerSecond() {
            return count * 1e9 / elapsedNanos;
        }

        double seconds() {
            return elapsedNanos / 1e9;
        }

        double percentileMillis(double p) {
            return ClosedLoop.percentileMillis(latencyNanos, p);
        }
    }

    /** Nearest-rank percentile in milliseconds, {@code p} in (0, 100]. */
    static double percentileMillis(long[] latencyNanos, double p) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /**
     * Runs {@code count} operations, {@code concurrency} at a time. The first failed operation
     * (an exceptionally completed stage, e.g. an unexpected HTTP status) fails the whole phase.
     *
     * @param op starts operation {@code i} (0-based) and returns its completion
     */
    static Result run(String name, int count, int concurrency, Duration timeout, IntFunction<CompletionStage<?>> op)
            throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        CompletableFuture<Void> allDone = new CompletableFuture<>();

        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count || allDone.isDone()) {
                return;
            }
            long t0 = System.nanoTime();
            CompletionStage<?> stage;
            try {
                stage = op.apply(i);
            } catch (Throwable t) {
                allDone.completeExceptionally(new IllegalStateException(name + ": operation " + i + " failed", t));
                return;
            }
            stage.whenComplete((ignored, error) -> {
                latencies[i] = System.nanoTime() - t0;
                if (error != null) {
                    allDone.completeExceptionally(new IllegalStateException(name + ": operation " + i + " failed",
                            error));
                } else if (completed.incrementAndGet() == count) {
                    allDone.complete(null);
                } else {
                    launch[0].run();
                }
            });
        };

        long start = System.nanoTime();
        for (int c = 0; c < Math.min(concurrency, count); c++) {
            launch[0].run();
        }
        try {
            allDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            allDone.cancel(false); // stops the chains from launching more
            throw new IllegalStateException(name + ": not finished within " + timeout + " (" + completed.get()
                    + " of " + count + " done)");
        }
        long elapsed = System.nanoTime() - start;
        return new Result(name, count, concurrency, elapsed, latencies);
    }
}
