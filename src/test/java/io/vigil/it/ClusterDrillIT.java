package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.AppProcess;
import io.vigil.support.FakeSlack;
import io.vigil.support.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The clustered-operation drill (issue 7; {@code .ci/cluster-drill} runs it alone, the suite runs it
 * too): three instances of the packaged service on one Debian {@code postgresql-15} server, on
 * loopback, behind a client-side load balancer that routes only to instances whose
 * {@code /q/health/ready} answers 200, as a Kubernetes Service does. A paging workload declares SEV1
 * incidents steadily while the drill, in turn:
 * <ol>
 *   <li>stops the last instance gracefully (SIGTERM, as a rolling update does),</li>
 *   <li>starts it again (the new pod),</li>
 *   <li>kills the second instance with SIGKILL (a crashed node).</li>
 * </ol>
 * Every page climbs a three-level ladder with nobody answering. Afterwards every incident in the
 * database (including any whose declaration lost its answer in the kill) must have had each level's
 * person notified exactly once by webhook and exactly once by Slack DM (through {@link FakeSlack}):
 * <b>0 lost, 0 duplicated</b>. The report is printed and written to
 * {@code target/cluster-drill/report.txt}; docs/operations.md summarises a run.
 *
 * <p>Tunable with {@code -Ddrill.instances=2..5}, {@code -Ddrill.pages=}, {@code -Ddrill.rate=} (per second).
 */
class ClusterDrillIT {

    private static final int INSTANCES = Integer.getInteger("drill.instances", 3);
    private static final int PAGES = Integer.getInteger("drill.pages", 120);
    private static final double RATE = Double.parseDouble(System.getProperty("drill.rate", "2"));
    private static final int LEVELS = 3;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Path OUT = Path.of("target", "cluster-drill");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private DrillReport report;

    @Test
    void noPageIsLostOrSentTwiceWhileInstancesAreStoppedRestartedAndKilled() throws Exception {
        assertThat(INSTANCES).as("drill.instances").isBetween(2, 5);
        String secret = "drill-" + UUID.randomUUID();
        Files.createDirectories(OUT);
        Duration workload = Duration.ofMillis((long) (PAGES / RATE * 1000));
        int stopVictim = INSTANCES - 1;
        int killVictim = 1;
        try (WebhookReceiver receiver = new WebhookReceiver(secret);
             FakeSlack slack = FakeSlack.start();
             PagingCluster cluster = PagingCluster.start(PagingCluster.Options.defaults(OUT)
                     .withInstances(INSTANCES).withDatabase(PagingCluster.Database.DEBIAN_15)
                     .withEnv(Map.of("ONCALL_SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                             "ONCALL_SLACK_API_URL", slack.apiUrl(),
                             "ONCALL_SLACK_SIGNING_SECRET", "drill-signing-secret")));
             LoadBalancer balancer = new LoadBalancer(cluster)) {
            report = new DrillReport("cluster-drill");
            String version = cluster.sql("select current_setting('server_version')");
            report.line("Vigil cluster drill: %d instances on PostgreSQL %s (Debian postgresql-15), loopback only",
                    INSTANCES,
                    version);
            report.line("workload: %d SEV1 incidents at %.1f/s over %.0f s; ladder of %d levels x %s, nobody answers; "
                    + "webhook + Slack DM per notification", PAGES, RATE, workload.toMillis() / 1000.0, LEVELS,
                    ACK_TIMEOUT);
            PagingCluster.PagingSetup setup = cluster.setUpPaging("drill", LEVELS, ACK_TIMEOUT, receiver.url(), secret,
                    true);

            // The disruptions, at fixed points of the workload.
            ScheduledExecutorService drill = Executors.newSingleThreadScheduledExecutor();
            List<CompletableFuture<Void>> disruptions = new ArrayList<>();
            Instant[] killedAt = new Instant[1];
            disruptions.add(at(drill, workload.multipliedBy(2).dividedBy(10), () -> {
                AppProcess app = cluster.app(stopVictim);
                long signalled = System.nanoTime();
                app.signalStop();
                double unready = balancer.awaitOut(stopVictim, Duration.ofSeconds(10), signalled);
                OptionalInt exit = app.awaitExit(Duration.ofSeconds(60));
                report.line("%s SIGTERM instance %d: out of the load balancer after %.1f s (readiness DOWN), "
                                + "exited %s after %.1f s",
                        report.stamp(), stopVictim + 1, unready, exit.isPresent() ? "with " + exit.getAsInt() : "NOT",
                        (System.nanoTime() - signalled) / 1e9);
            }));
            disruptions.add(at(drill, workload.multipliedBy(4).dividedBy(10), () -> {
                long launched = System.nanoTime();
                cluster.relaunch(stopVictim);
                report.line("%s instance %d started again (pid %d), ready after %.1f s", report.stamp(), stopVictim + 1,
                        cluster.app(stopVictim).pid(), (System.nanoTime() - launched) / 1e9);
            }));
            disruptions.add(at(drill, workload.multipliedBy(7).dividedBy(10), () -> {
                killedAt[0] = cluster.kill(killVictim);
                balancer.markDown(killVictim);
                report.line("%s kill -9 instance %d (pid %d)", report.stamp(), killVictim + 1,
                        cluster.app(killVictim).pid());
            }));

            // The workload: paced declarations through the load balancer; no retry, as a lost answer is ambiguous.
            Map<Integer, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
            List<String> unanswered = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<?>> declarations = new ArrayList<>();
            for (int i = 0; i < PAGES; i++) {
                DrillReport.sleepUntil(report.startNanos() + (long) (i * 1e9 / RATE));
                int instance = balancer.next();
                declarations.add(cluster.declareAsync(instance, setup.responderToken(),
                                PagingCluster.sev1(setup.category(), i))
                        .handle((id, error) -> {
                            if (error == null) {
                                answeredBy.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
                            } else {
                                unanswered.add("instance " + (instance + 1) + ": " + rootMessage(error));
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(declarations.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            CompletableFuture.allOf(disruptions.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            drill.shutdownNow();
            Map<Integer, Integer> perInstance = new java.util.TreeMap<>();
            answeredBy.forEach((k, v) -> perInstance.put(k + 1, v.get()));
            report.line("%s declarations: %d sent, %d answered 201 (by instance: %s), %d without an answer%s",
                    report.stamp(), PAGES,
                    PAGES - unanswered.size(), perInstance, unanswered.size(),
                    unanswered.isEmpty() ? "" : " " + unanswered);

            // Every incident the database holds is checked, whether or not its declaration was answered.
            List<UUID> incidents = Arrays.stream(cluster.sql("select id from incident where category = '"
                            + setup.category() + "'").split("; ")).filter(s -> !s.isBlank()).map(UUID::fromString)
                    .toList();
            Instant deadline = Instant.now().plus(ACK_TIMEOUT.multipliedBy(LEVELS)).plusSeconds(120);
            Map<UUID, JsonNode> pages = Map.of();
            PagingEvents.Check check = null;
            int pendingOutbox = -1;
            while (Instant.now().isBefore(deadline)) {
                pages = cluster.pages(0, incidents);
                check = PagingEvents.of(receiver.received()).check(PagingCluster.pageIds(pages), setup.levelUsers());
                pendingOutbox = Integer.parseInt(cluster.sql("select (select count(*) from webhook_delivery where "
                        + "status = 'PENDING') + (select count(*) from slack_outbox where status = 'PENDING')"));
                boolean allExhausted = pages.size() == incidents.size()
                        && pages.values().stream().allMatch(p -> "EXHAUSTED".equals(p.get("status").asText()));
                if (allExhausted && pendingOutbox == 0 && check.problems().isEmpty()) {
                    break;
                }
                Thread.sleep(1_000);
            }
            Thread.sleep(2_000); // a resend still under way lands before the count, not after it
            check = PagingEvents.of(receiver.received()).check(PagingCluster.pageIds(pages), setup.levelUsers());
            long exhausted = pages.values().stream().filter(p -> "EXHAUSTED".equals(p.get("status").asText())).count();
            long lostWebhooks = check.problems().stream().filter(p -> p.startsWith("MISSING")).count();
            long twiceWebhooks = check.problems().stream().filter(p -> p.startsWith("NOTIFIED TWICE")).count();
            PagingCluster.SlackDms dms = PagingCluster.slackDms(slack, setup, pages);

            report.line("%s incidents in the database: %d; pages: %d, EXHAUSTED: %d; outbox rows still pending: %d",
                    report.stamp(),
                    incidents.size(), pages.size(), exhausted, pendingOutbox);
            report.line("webhook notifications: expected %d, received %d distinct; lost %d, duplicated %d (a person "
                            + "notified "
                            + "twice for one step); redeliveries of an already received event id: %d",
                    check.expectedNotifications(), check.distinctNotifications(), lostWebhooks, twiceWebhooks,
                    check.duplicateDeliveries());
            report.line("Slack DMs: expected %d, in the conversations %d; lost %d, duplicated %d", dms.expected(),
                    dms.posted(),
                    dms.lost(), dms.duplicated());
            if (killedAt[0] != null) {
                report.line("escalations due after the kill, fired late: max %.0f ms",
                        lateAfter(receiver, killedAt[0], pages));
            }
            boolean pass = check.problems().isEmpty() && dms.lost() == 0 && dms.duplicated() == 0
                    && exhausted == pages.size()
                    && pages.size() == incidents.size() && pendingOutbox == 0;
            report.line("RESULT: %s: %d lost, %d duplicated notifications", pass ? "PASS" : "FAIL",
                    lostWebhooks + dms.lost(),
                    twiceWebhooks + dms.duplicated());
            if (!check.problems().isEmpty()) {
                report.line("problems: %s", String.join("\n  ",
                        check.problems().subList(0, Math.min(20, check.problems().size()))));
            }
            report.write(OUT.resolve("report.txt"));

            assertThat(incidents).as("incidents").hasSizeGreaterThanOrEqualTo(PAGES - unanswered.size());
            assertThat(check.problems()).as(report.text() + "\n" + cluster.tails()).isEmpty();
            assertThat(dms.lost()).as("Slack DMs lost").isZero();
            assertThat(dms.duplicated()).as("Slack DMs duplicated").isZero();
            assertThat(exhausted).as("pages EXHAUSTED").isEqualTo(incidents.size());
            assertThat(pendingOutbox).as("outbox rows pending").isZero();
        }
    }

    private static double lateAfter(WebhookReceiver receiver, Instant killedAt, Map<UUID, JsonNode> pages) {
        Set<UUID> ids = new java.util.HashSet<>(PagingCluster.pageIds(pages).values());
        return PagingEvents.of(receiver.received()).distinctNotified().stream()
                .filter(n -> n.level() >= 2 && n.dueAt().isAfter(killedAt) && ids.contains(n.pageId()))
                .mapToDouble(n -> n.fired().toNanos() / 1e6).max().orElse(Double.NaN);
    }

    private interface Step {
        void run() throws Exception;
    }

    private CompletableFuture<Void> at(ScheduledExecutorService drill, Duration offset, Step step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long delay = report.startNanos() + offset.toNanos() - System.nanoTime();
        drill.schedule(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (Exception | Error e) {
                report.line("%s drill step failed: %s", report.stamp(), e);
                done.completeExceptionally(e);
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
        return done;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * Routes requests round-robin over the instances whose readiness answered 200 at the last poll
     * (every 250 ms), as a Kubernetes Service routes over ready endpoints.
     */
    private final class LoadBalancer implements AutoCloseable {

        private final PagingCluster cluster;
        private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger turn = new AtomicInteger();

        LoadBalancer(PagingCluster cluster) {
            this.cluster = cluster;
            for (int i = 0; i < cluster.size(); i++) {
                ready.add(i);
            }
            poller.scheduleWithFixedDelay(this::poll, 250, 250, TimeUnit.MILLISECONDS);
        }

        int next() {
            List<Integer> live = ready.stream().sorted().toList();
            if (live.isEmpty()) {
                throw new IllegalStateException("no instance is ready");
            }
            return live.get(Math.floorMod(turn.getAndIncrement(), live.size()));
        }

        void markDown(int index) {
            ready.remove(index);
        }

        /** Waits until {@code index} is out of rotation; seconds since {@code sinceNanos}. */
        double awaitOut(int index, Duration atMost, long sinceNanos) throws InterruptedException {
            long until = System.nanoTime() + atMost.toNanos();
            while (ready.contains(index) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            return (System.nanoTime() - sinceNanos) / 1e9;
        }

        private void poll() {
            for (int i = 0; i < cluster.size(); i++) {
                boolean up;
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.app(i).baseUrl() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build();
                    up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    up = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (up) {
                    ready.add(i);
                } else {
                    ready.remove(i);
                }
            }
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }
    }
}
