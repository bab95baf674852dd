package io.vigil.paging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.common.persistence.DatabaseOutage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Arms wake-ups for page deadlines: Quartz triggers (clustered JDBC job store) for deadlines beyond
 * the local horizon, in-process timers for nearer ones. A wake-up is only a wake-up:
 * when it fires, on whichever instance acquires it, {@link EscalationEngine#fire} re-reads the page
 * row under a lock and acts only if the deadline really passed. So a trigger armed by a transaction
 * that later rolled back, a duplicate, or one recovered after a crash does nothing harmful, and a
 * trigger that never got armed (a crash just after commit) is caught by the engine's sweep.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);
    static final JobKey JOB = JobKey.jobKey("escalation", "vigil");
    static final String PAGE_ID = "pageId";

    @Inject
    Scheduler quartz;

    @Inject
    EscalationEngine engine;

    @Inject
    Clock clock;

    @ConfigProperty(name = "oncall.paging.local-horizon", defaultValue = "PT2M")
    Duration localHorizon;

    /** Arming is blocking JDBC; one thread keeps it off request threads and in order. */
    private ExecutorService armer;

    /** Near deadlines: fired here, a few in parallel (each step is a short transaction). */
    private ScheduledExecutorService timers;

    void start(@Observes StartupEvent event) throws SchedulerException {
        armer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "vigil-deadline-armer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger n = new AtomicInteger();
        timers = Executors.newScheduledThreadPool(4, r -> {
            Thread thread = new Thread(r, "vigil-deadline-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        JobDetail job = JobBuilder.newJob(EscalationJob.class).withIdentity(JOB).storeDurably()
                .requestRecovery(true).build();
        quartz.addJob(job, true);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        timers.shutdownNow(); // pending deadlines are rows: the sweep of a live instance takes them
        armer.shutdown();
        armer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Wakes the engine for {@code pageId} at {@code deadline}; returns at once. A deadline within
     * {@code oncall.paging.local-horizon} gets an in-process timer on this instance (Quartz's
     * clustered store serialises every trigger change on one lock row, which measurably delayed
     * short ladders under load); a later one gets a Quartz trigger, which survives restarts and
     * fires on whichever instance is alive. Either way the sweep is the backstop.
     */
    public void arm(UUID pageId, int level, int round, Instant deadline) {
        long delay = millisUntil(deadline);
        if (delay <= localHorizon.toMillis()) {
            wakeAt(pageId, deadline, delay);
            return;
        }
        armer.execute(() -> {
            TriggerKey key = TriggerKey.triggerKey(pageId + "/" + round + "/" + level + "/" + deadline.toEpochMilli(),
                    "vigil-page");
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(JOB)
                    .usingJobData(PAGE_ID, pageId.toString())
                    // Quartz counts milliseconds: round up, or it fires a fraction before the deadline
                    .startAt(Date.from(deadline.plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS)))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            try {
                if (!quartz.checkExists(key)) {
                    quartz.scheduleJob(trigger);
                }
            } catch (SchedulerException e) {
                DatabaseOutage.log(LOG, Logger.Level.WARN, e,
                        "could not arm the escalation deadline of page %s at %s; the sweep will catch it", pageId, deadline);
            }
        });
    }

    /** Whole milliseconds until {@code deadline}, rounded up: never wake before it. */
    private long millisUntil(Instant deadline) {
        long nanos = Duration.between(clock.instant(), deadline).toNanos();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /** A timer may run a little before the wall clock reaches the deadline; then it waits the rest. */
    private void wakeAt(UUID pageId, Instant deadline, long delayMillis) {
        timers.schedule(() -> {
            long rest = millisUntil(deadline);
            if (rest > 0) {
                wakeAt(pageId, deadline, rest);
                return;
            }
            try {
                engine.fire(pageId);
            } catch (RuntimeException e) {
                DatabaseOutage.log(LOG, Logger.Level.WARN, e, "escalating page %s failed; the sweep retries it",
                        pageId);
            }
        }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }
}
