package io.vigil.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.support.FakeSlack;
import io.vigil.support.PagingScene;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The backlog gauges count what a stall leaves behind: a page whose escalation deadline is more
 * than 30 s gone, and work that Slack has not yet taken. Other tests share the database, so the
 * assertions are about this story's page and rows, read at instants chosen around them.
 */
@QuarkusTest
class BacklogGaugesTest {

    @Inject
    TestClock clock;

    @Inject
    BacklogGauges gauges;

    @Inject
    MeterRegistry metrics;

    @Test
    void aPagePastItsDeadlineAndUndeliveredSlackWorkShowInTheBacklog() throws InterruptedException {
        FakeSlack slack = FakeSlack.shared();
        try (PagingScene scene = new PagingScene(clock, true)) {
            scene.defaultLadder(0, "PT24H");
            slack.failUntil(Instant.now().plusSeconds(8), 500); // the DM stays undelivered for a while
            String incident = scene.declare("SEV3");
            JsonPath page = awaitPage(incident);
            Instant deadline = Instant.parse(page.getString("nextEscalationAt"));

            // Read the later instant first: pages leaving TRIGGERED in between can only widen the gap.
            BacklogGauges.Backlog stalled = gauges.measure(deadline.plusSeconds(31));
            BacklogGauges.Backlog onTime = gauges.measure(deadline.plusSeconds(29));
            assertThat(stalled.overdueEscalations() - onTime.overdueEscalations())
                    .as("this page counts once it is more than 30 s past its deadline").isGreaterThanOrEqualTo(1);

            BacklogGauges.Backlog anHourOn = gauges.measure(clock.instant().plus(Duration.ofHours(1)));
            assertThat(anHourOn.oldestSlackSeconds()).as("the DM Slack refused is still waiting")
                    .isGreaterThanOrEqualTo(3_590);

            BacklogGauges.Backlog published = gauges.refresh();
            assertThat(metrics.find("vigil.delivery.oldest_pending").tag("channel", "slack").gauge().value())
                    .isEqualTo((double) published.oldestSlackSeconds());
            assertThat(metrics.find("vigil.escalation.overdue").gauge().value())
                    .isEqualTo((double) published.overdueEscalations());
            assertThat(metrics.find("vigil.delivery.oldest_pending").tag("channel", "webhook").gauge()).isNotNull();
        }
    }

    private static JsonPath awaitPage(String incident) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            JsonPath page = PagingScene.page(incident);
            if (page.getString("nextEscalationAt") != null) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no page for " + incident);
    }
}
