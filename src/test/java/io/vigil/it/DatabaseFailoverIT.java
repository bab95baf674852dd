package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.AppProcess;
import io.vigil.support.FakeSlack;
import io.vigil.support.WebhookReceiver;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database failover under a paging workload (issue 7; runbooks/database-failover.md cites its
 * report): two instances on one Debian {@code postgresql-15}, pages climbing a three-level ladder,
 * then the server is taken away at once ({@code pg_ctl stop -m immediate}: every connection drops,
 * as when a primary dies or is fenced) for longer than an acknowledgement timeout, and brought back
 * on the same address (the promoted standby behind the same DNS name or Service).
 *
 * <p>Checked: while the database is gone, readiness goes DOWN on every instance and liveness stays UP
 * (so Kubernetes takes the pods out of the Service without restarting them), and a declaration gets a
 * problem answer and leaves nothing behind. Once it is back, every instance becomes ready again by
 * itself, with no restart, new declarations succeed, and every escalation that fell due during the
 * outage fires: each level's person notified exactly once by webhook and once by Slack DM, 0 lost,
 * 0 duplicated. The report goes to {@code target/database-failover/report.txt}.
 */
class DatabaseFailoverIT {

    private static final int LEVELS = 3;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OUTAGE = Duration.ofSeconds(25);
    private static final int DECLARATIONS_PER_INSTANCE = 3;
    private static final Path OUT = Path.of("target", "database-failover");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DrillReport report = new DrillReport("failover");

    @Test
    void pagingResumesByItselfAfterTheDatabaseComesBackAndNothingIsLostOrSentTwice() throws Exception {
        String secret = "failover-" + UUID.randomUUID();
        Files.createDirectories(OUT);
        try (WebhookReceiver receiver = new WebhookReceiver(secret);
             FakeSlack slack = FakeSlack.start();
             PagingCluster cluster = PagingCluster.start(PagingCluster.Options.defaults(OUT).withInstances(2)
                     .withDatabase(PagingCluster.Database.DEBIAN_15)
                     .withEnv(Map.of("ONCALL_SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                             "ONCALL_SLACK_API_URL", slack.apiUrl(),
                             "ONCALL_SLACK_SIGNING_SECRET", "failover-signing-secret")))) {
            PagingCluster.PagingSetup setup = cluster.setUpPaging("failover", LEVELS, ACK_TIMEOUT, receiver.url(),
                    secret, true);
            report.line("Vigil database failover drill: 2 instances on PostgreSQL %s (Debian postgresql-15); "
                    + "ladder of %d "
                    + "levels x %s, nobody answers", cluster.sql("select current_setting('server_version')"), LEVELS,
                    ACK_TIMEOUT);
            declare(cluster, setup, "before");
            report.line("%s %d SEV1 incidents declared", report.stamp(), 2 * DECLARATIONS_PER_INSTANCE);

            Instant crashedAt = Instant.now();
            long crashed = System.nanoTime();
            cluster.crashDatabase();
            report.line("%s database stopped with pg_ctl -m immediate (every connection dropped)", report.stamp());
            for (int i = 0; i < cluster.size(); i++) {
                double down = awaitStatus(cluster.app(i), "/q/health/ready", 503, Duration.ofSeconds(30), crashed);
                assertThat(status(cluster.app(i), "/q/health/live")).as("liveness of instance %d", i + 1)
                        .isEqualTo(200);
                report.line("%s instance %d: readiness DOWN %.1f s after the crash; liveness UP", report.stamp(),
                        i + 1, down);
            }
            HttpResponse<String> refused = declareNow(cluster, setup.responderToken(), 0, "during the outage");
            report.line("%s a declaration during the outage: HTTP %d %s", report.stamp(), refused.statusCode(),
                    refused.headers().firstValue("Content-Type").orElse(""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("/problems/database-unavailable").doesNotContain("Exception")
                    .doesNotContain("\tat ");

            DrillReport.sleepUntil(crashed + OUTAGE.toNanos());
            long restored = System.nanoTime();
            Instant restoredAt = Instant.now();
            cluster.restoreDatabase();
            report.line("%s database back on the same address after %.0f s down", report.stamp(),
                    (restored - crashed) / 1e9);
            for (int i = 0; i < cluster.size(); i++) {
                double up = awaitStatus(cluster.app(i), "/q/health/ready", 200, Duration.ofSeconds(60), restored);
                report.line("%s instance %d: readiness UP %.1f s after the database returned (same process, pid %d)",
                        report.stamp(), i + 1, up, cluster.app(i).pid());
            }
            declare(cluster, setup, "after");
            report.line("%s %d more SEV1 incidents declared, every one answered 201", report.stamp(),
                    2 * DECLARATIONS_PER_INSTANCE);

            List<UUID> incidents = Arrays.stream(cluster.sql("select id from incident where category = '"
                            + setup.category() + "'").split("; ")).filter(s -> !s.isBlank()).map(UUID::fromString)
                    .toList();
            assertThat(incidents).as("incidents in the database; none from the refused declaration")
                    .hasSize(4 * DECLARATIONS_PER_INSTANCE);
            Map<UUID, JsonNode> pages = Map.of();
            PagingEvents.Check check = null;
            int pendingOutbox = -1;
            Instant deadline = Instant.now().plus(ACK_TIMEOUT.multipliedBy(LEVELS)).plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                pages = cluster.pages(0, incidents);
                check = PagingEvents.of(receiver.received()).check(PagingCluster.pageIds(pages), setup.levelUsers());
                pendingOutbox = pendingOutbox(cluster);
                if (pages.size() == incidents.size() && check.problems().isEmpty() && pendingOutbox == 0
                        && pages.values().stream().allMatch(p -> "EXHAUSTED".equals(p.get("status").asText()))) {
                    break;
                }
                Thread.sleep(1_000);
            }
            Thread.sleep(2_000); // a resend still under way lands before the count, not after it
            check = PagingEvents.of(receiver.received()).check(PagingCluster.pageIds(pages), setup.levelUsers());
            PagingCluster.SlackDms dms = PagingCluster.slackDms(slack, setup, pages);
            List<PagingEvents.Notified> dueInOutage = PagingEvents.of(receiver.received()).distinctNotified().stream()
                    .filter(n -> n.dueAt().isAfter(crashedAt) && n.dueAt().isBefore(restoredAt)).toList();
            double latestAfterReturn = dueInOutage.stream()
                    .mapToDouble(n -> Duration.between(restoredAt, n.sentAt()).toMillis() / 1000.0).max()
                    .orElse(Double.NaN);
            report.line("%s escalations that fell due during the outage: %d, all fired within %.1f s of the "
                            + "database's return",
                    report.stamp(), dueInOutage.size(), latestAfterReturn);
            long lost = check.problems().stream().filter(p -> p.startsWith("MISSING")).count() + dms.lost();
            long twice = check.problems().stream().filter(p -> p.startsWith("NOTIFIED TWICE")).count()
                    + dms.duplicated();
            report.line("webhook notifications: expected %d, received %d distinct; redeliveries of an already "
                            + "received event id (sent before the crash, outcome not recorded; receivers drop them by "
                            + "id): %d", check.expectedNotifications(), check.distinctNotifications(),
                    check.duplicateDeliveries());
            report.line("Slack DMs: expected %d, posted %d, posted twice %d; outbox rows still pending: %d",
                    dms.expected(), dms.posted(), dms.duplicated(), pendingOutbox);
            boolean pass = check.problems().isEmpty() && lost == 0 && twice == 0 && pendingOutbox == 0;
            report.line("RESULT: %s: %d lost, %d duplicated notifications", pass ? "PASS" : "FAIL", lost, twice);
            report.write(OUT.resolve("report.txt"));

            assertThat(dueInOutage).as("escalations due during the outage").isNotEmpty();
            assertThat(check.problems()).as(report.text() + "\n" + cluster.tails()).isEmpty();
            assertThat(dms.lost()).as("Slack DMs lost").isZero();
            assertThat(dms.duplicated()).as("Slack DMs duplicated").isZero();
            assertThat(pendingOutbox).as("outbox rows pending").isZero();
        }
    }

    private void declare(PagingCluster cluster, PagingCluster.PagingSetup setup, String when) throws Exception {
        List<CompletableFuture<UUID>> declared = new ArrayList<>();
        for (int n = 0; n < DECLARATIONS_PER_INSTANCE; n++) {
            for (int i = 0; i < cluster.size(); i++) {
                declared.add(cluster.declareAsync(i, setup.responderToken(), Map.of("title",
                        "Failover drill " + when + " " + i + "-" + n, "category", setup.category(),
                        "severity", "SEV1", "region", "EMEA")));
            }
        }
        CompletableFuture.allOf(declared.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private HttpResponse<String> declareNow(PagingCluster cluster, String token, int index, String when)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(cluster.app(index).uri("/api/v1/incidents"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Declared " + when + "\",\"category\":"
                        + "\"MISINFORMATION\",\"severity\":\"SEV2\",\"region\":\"EMEA\"}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private int status(AppProcess app, String path) {
        try {
            return http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Polls {@code path} until it answers {@code expected}; returns the seconds since {@code sinceNanos}. */
    private double awaitStatus(AppProcess app, String path, int expected, Duration timeout, long sinceNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(app, path) == expected) {
                return (System.nanoTime() - sinceNanos) / 1e9;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on " + app.baseUrl() + " did not answer " + expected + " within " + timeout
                + "\n" + app.tail());
    }

    private static int pendingOutbox(PagingCluster cluster) {
        String count = cluster.sql("select (select count(*) from webhook_delivery where status = 'PENDING') "
                + "+ (select count(*) from slack_outbox where status = 'PENDING')");
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
