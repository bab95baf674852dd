package io.vigil.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxPumpTest {

    @Test
    void stopWaitsForClaimedRowsToFinishBeforeStoppingTheWorkers() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2, OutboxPump.threads("test-pump"));
        CountDownLatch claimed = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean completedOnWorker = new AtomicBoolean();
        AtomicInteger passes = new AtomicInteger();
        OutboxPump[] pump = new OutboxPump[1];
        pump[0] = new OutboxPump("test", workers, Duration.ofHours(1), 4, limit -> {
            if (passes.getAndIncrement() > 0) {
                return 0;
            }
            // An asynchronous send: its answer arrives later and is handled on a worker, like HttpClient's.
            Executors.newSingleThreadScheduledExecutor().schedule(() -> workers.execute(() -> {
                completedOnWorker.set(true);
                finished.set(true);
                pump[0].done();
            }), 300, TimeUnit.MILLISECONDS);
            claimed.countDown();
            return 1;
        });
        pump[0].wake();
        assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();

        pump[0].stop(Duration.ofSeconds(5));

        assertThat(finished).as("the claimed row finished before stop returned").isTrue();
        assertThat(completedOnWorker).as("its completion could still run on the workers").isTrue();
        assertThat(workers.isShutdown()).isTrue();
    }

    @Test
    void stopGivesUpAfterTheGraceAndLeavesTheRowToItsLease() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2, OutboxPump.threads("test-pump"));
        CountDownLatch claimed = new CountDownLatch(1);
        OutboxPump pump = new OutboxPump("test", workers, Duration.ofHours(1), 4, limit -> {
            claimed.countDown();
            return claimed.getCount() == 0 && limit == 4 ? 1 : 0; // one row that never finishes
        });
        pump.wake();
        assertThat(claimed.await(5, TimeUnit.SECONDS)).isTrue();

        pump.stop(Duration.ofMillis(200));

        assertThat(workers.isShutdown()).isTrue();
        pump.wake(); // after stop, wake-ups are ignored rather than refused
    }
}
