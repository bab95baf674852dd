package io.vigil.paging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Arms Quartz triggers (clustered JDBC job store) for page deadlines. A trigger is only a wake-up:
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

    /** Arming is blocking JDBC; one thread keeps it off request threads and in order. */
    private ExecutorService armer;

    void start(@Observes StartupEvent event) throws SchedulerException {
        armer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "vigil-deadline-armer");
            thread.setDaemon(true);
            return thread;
        });
        JobDetail job = JobBuilder.newJob(EscalationJob.class).withIdentity(JOB).storeDurably()
                .requestRecovery(true).build();
        quartz.addJob(job, true);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        armer.shutdown();
        armer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Asks Quartz to wake the engine for {@code pageId} at {@code deadline}; returns at once. */
    public void arm(UUID pageId, int level, int round, Instant deadline) {
        armer.execute(() -> {
            TriggerKey key = TriggerKey.triggerKey(pageId + "/" + round + "/" + level + "/" + deadline.toEpochMilli(),
                    "vigil-page");
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(JOB)
                    .usingJobData(PAGE_ID, pageId.toString())
                    .startAt(Date.from(deadline))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            try {
                if (!quartz.checkExists(key)) {
                    quartz.scheduleJob(trigger);
                }
            } catch (SchedulerException e) {
                LOG.warnf(e, "could not arm the escalation deadline of page %s at %s; the sweep will catch it",
                        pageId, deadline);
            }
        });
    }
}
