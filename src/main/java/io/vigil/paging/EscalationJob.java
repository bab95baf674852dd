package io.vigil.paging;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.UUID;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** The Quartz job behind every page deadline trigger: hands the page to the engine. */
@Dependent
public class EscalationJob implements Job {

    @Inject
    EscalationEngine engine;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String pageId = context.getMergedJobDataMap().getString(DeadlineScheduler.PAGE_ID);
        try {
            engine.fire(UUID.fromString(pageId));
        } catch (RuntimeException e) {
            // The page row still holds its passed deadline: the sweep retries it within seconds.
            throw new JobExecutionException("escalating page " + pageId + " failed", e, false);
        }
    }
}
