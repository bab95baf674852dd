package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of paging: two instances of the packaged service share one PostgreSQL, 100 SEV1
 * incidents are declared across both, and while their pages are climbing a three-level ladder one
 * instance is killed with SIGKILL. The survivor must finish every page: each level's user notified
 * exactly once (one event id per notification; a repeated delivery of that same id after the crash
 * is allowed and counted), nobody missed, nobody notified under a second id, every page EXHAUSTED
 * with its {@code page.exhausted} event, every signature valid. Production settings throughout
 * (Quartz checkin 5 s, sweep every 1 s with 2 s grace, webhook lease = timeout 10 s + 20 s).
 * See docs/paging-crash-safety.md.
 */
class PagingCrashIT {

    private static final int PAGES = 100;
    private static final int LEVELS = 3;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Declarations per second, alternating between the instances; at most IN_FLIGHT at a time. */
    private static final int RATE = 20;
    private static final int IN_FLIGHT = 8;
    /** The receiver answers each delivery this long after it has it: sends are in flight when the kill lands. */
    private static final Duration RECEIVER_HOLD = Duration.ofSeconds(1);
    private static final int VICTIM = 1;
    private static final int SURVIVOR = 0;
    /** Escalations due after the kill must fire on the survivor within this (the sweep alone gives ~3 s). */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(20);
    /**
     * Whether every page notification must read DELIVERED in the API at the end. Off: an instance
     * killed between marking the webhook delivery DELIVERED and marking the notification leaves the
     * notification PENDING for good (see docs/paging-crash-safety.md, "Known gap"); the test reports
     * such notifications instead of failing on them.
     */
    private static final boolean NOTIFICATION_STATUS_MUST_CONVERGE = true;

    @Test
    void everyPageFinishesExactlyOnceAfterAnInstanceIsKilled() throws Exception {
        String secret = "crash-test-secret-" + UUID.randomUUID();
        Path logDir = Path.of("target", "paging-crash-it");
        long started = System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver(secret);
             SlowAckProxy proxy = new SlowAckProxy(receiver.url(), RECEIVER_HOLD);
             PagingCluster cluster = PagingCluster.start(PagingCluster.Options.defaults(logDir))) {
            log("2 instances ready on ports %d and %d (pids %d, %d), PostgreSQL on %d, after %.1f s; logs in %s",
                    cluster.app(0).port, cluster.app(1).port, cluster.app(0).pid(), cluster.app(1).pid(),
                    cluster.databasePort(), seconds(started), logDir.toAbsolutePath());
            PagingCluster.PagingSetup setup = cluster.setUpPaging("crash", LEVELS, ACK_TIMEOUT, proxy.url(), secret);

            // 1. Declare, alternating instances, paced.
            Map<UUID, Integer> declaredOn = new ConcurrentHashMap<>();
            Map<UUID, Instant> answeredAt = new ConcurrentHashMap<>();
            List<Duration> declareLatency = java.util.Collections.synchronizedList(new ArrayList<>());
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<UUID>> answers = new ArrayList<>();
            long firstNanos = System.nanoTime();
            Instant first = Instant.now();
            for (int i = 0; i < PAGES; i++) {
                sleepUntil(firstNanos + i * 1_000_000_000L / RATE);
                inFlight.acquire();
                int instance = i % 2;
                long sent = System.nanoTime();
                answers.add(cluster.declareAsync(instance, setup.responderToken(), PagingCluster.sev1(setup.category(), i))
                        .whenComplete((id, error) -> {
                            inFlight.release();
                            if (id != null) {
                                declareLatency.add(Duration.ofNanos(System.nanoTime() - sent));
                                declaredOn.put(id, instance);
                                answeredAt.put(id, Instant.now());
                            }
                        }));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Instant lastDeclared = Instant.now();
            log("declared %d SEV1 incidents in %.1f s (%d on each instance); declare latency p50 %.0f ms, max %.0f ms",
                    PAGES, Duration.between(first, lastDeclared).toMillis() / 1000.0, PAGES / 2,
                    PagingEvents.percentileMillis(declareLatency, 50), max(declareLatency));

            // 2. kill -9 one instance in the middle of the wave of level-2 escalations (due ACK_TIMEOUT after
            //    each declaration), while the receiver is still holding answers to its sends.
            List<Instant> declaredTimes = answeredAt.values().stream().sorted().toList();
            Instant killAt = declaredTimes.get(declaredTimes.size() / 2).plus(ACK_TIMEOUT);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), killAt).toMillis()));
            Instant killedAt = cluster.kill(VICTIM);
            log("kill -9 of instance %d (pid %d) at +%.1f s; %d events received so far", VICTIM + 1,
                    cluster.app(VICTIM).pid(), Duration.between(first, killedAt).toMillis() / 1000.0,
                    receiver.received().size());
            String heldByVictim = cluster.schedulerState();
            log("right after the kill: %s", heldByVictim);

            // 3. The survivor finishes every page: all EXHAUSTED (bounded).
            Instant exhaustDeadline = lastDeclared.plus(ACK_TIMEOUT.multipliedBy(LEVELS)).plusSeconds(90);
            Map<UUID, JsonNode> pages = Map.of();
            while (Instant.now().isBefore(exhaustDeadline)) {
                pages = cluster.pages(SURVIVOR, declaredOn.keySet());
                if (pages.size() == PAGES && pages.values().stream().allMatch(p -> "EXHAUSTED".equals(p.get("status").asText()))) {
                    break;
                }
                Thread.sleep(500);
            }
            long exhaustedCount = pages.values().stream().filter(p -> "EXHAUSTED".equals(p.get("status").asText())).count();
            log("%d of %d pages EXHAUSTED at +%.1f s", exhaustedCount, PAGES,
                    Duration.between(first, Instant.now()).toMillis() / 1000.0);
            assertThat(pages).as("one page per incident").hasSize(PAGES);
            assertThat(exhaustedCount).as("pages EXHAUSTED by " + exhaustDeadline + "\n" + cluster.tails())
                    .isEqualTo(PAGES);

            // 4. The outbox drains: every event at the receiver, nothing PENDING (leases of the dead instance expire).
            Map<UUID, UUID> pageByIncident = new LinkedHashMap<>();
            pages.forEach((incident, page) -> pageByIncident.put(incident, UUID.fromString(page.get("id").asText())));
            Instant drainDeadline = Instant.now().plusSeconds(120);
            PagingEvents.Check check;
            int pending;
            do {
                Thread.sleep(500);
                check = PagingEvents.of(receiver.received()).check(pageByIncident, setup.levelUsers());
                pending = cluster.pendingDeliveries(SURVIVOR, setup.webhookId());
            } while ((pending > 0 || check.problems().stream().anyMatch(PagingCrashIT::stillArriving))
                    && Instant.now().isBefore(drainDeadline));
            Thread.sleep(2_000); // a last resend under way lands as a counted duplicate, not after the check
            PagingEvents events = PagingEvents.of(receiver.received());
            check = events.check(pageByIncident, setup.levelUsers());
            pending = cluster.pendingDeliveries(SURVIVOR, setup.webhookId());

            // 5. What the API says about each page agrees: three notifications, one per level, to the level's user.
            List<String> apiProblems = new ArrayList<>();
            List<String> notDelivered = new ArrayList<>();
            for (JsonNode page : cluster.pages(SURVIVOR, declaredOn.keySet()).values()) {
                JsonNode notifications = page.get("notifications");
                if (notifications.size() != LEVELS) {
                    apiProblems.add("page " + page.get("id").asText() + " lists " + notifications.size() + " notifications");
                }
                for (JsonNode n : notifications) {
                    UUID expected = setup.levelUsers().get(n.get("level").asInt() - 1);
                    if (!expected.toString().equals(n.get("userId").asText()) || n.get("round").asInt() != 1) {
                        apiProblems.add("page " + page.get("id").asText() + " notification " + n);
                    } else if (!"DELIVERED".equals(n.get("status").asText())) {
                        notDelivered.add("page " + page.get("id").asText() + " L" + n.get("level").asInt() + " "
                                + n.get("status").asText() + " (sent " + n.get("sentAt").asText() + "); its webhook "
                                + "deliveries: " + cluster.sql("select string_agg(d.status || ', ' || d.attempts "
                                + "|| ' attempt(s), delivered_at ' || coalesce(d.delivered_at::text, '-'), '; ') "
                                + "from webhook_delivery d join page_notification n on n.id = d.notification_id "
                                + "where n.page_id = '" + page.get("id").asText() + "' and n.level = "
                                + (n.get("level").asInt() - 1)));
                    }
                }
            }

            // 6. Lateness of what was due after the kill (fired on the survivor).
            List<Duration> firedLate = new ArrayList<>();
            List<Duration> receivedLate = new ArrayList<>();
            for (PagingEvents.Notified n : events.distinctNotified()) {
                if (n.level() >= 2 && n.dueAt().isAfter(killedAt) && pageByIncident.containsValue(n.pageId())) {
                    firedLate.add(n.fired());
                    receivedLate.add(n.received());
                }
            }
            Map<UUID, Instant> exhaustDue = new LinkedHashMap<>();
            for (PagingEvents.Notified n : events.distinctNotified()) {
                if (n.level() == LEVELS) {
                    exhaustDue.put(n.pageId(), n.dueAt().plus(ACK_TIMEOUT));
                }
            }
            List<Duration> exhaustLate = new ArrayList<>();
            Map<UUID, Instant> exhaustedAt = new LinkedHashMap<>();
            events.exhausted().forEach(x -> exhaustedAt.putIfAbsent(x.pageId(), x.at()));
            exhaustedAt.forEach((page, at) -> {
                if (exhaustDue.containsKey(page)) {
                    exhaustLate.add(Duration.between(exhaustDue.get(page), at));
                }
            });

            String summary = String.format(Locale.ROOT, """
                    PagingCrashIT summary
                      pages: %d (declared %d on instance 1, %d on instance 2); instance %d killed -9 at +%.1f s
                      %s
                      notifications expected %d, received distinct %d, duplicate deliveries %d; pending deliveries %d
                      escalations due after the kill: %d, fired late max %.0f ms (p50 %.0f ms), received late max %.0f ms
                      exhaustions (all due after the kill): %d, fired late max %.0f ms
                      API view: %s; notifications not DELIVERED in the API: %d%s
                      problems: %s
                      total %.0f s""",
                    check.pages(), declaredOn.values().stream().filter(i -> i == 0).count(),
                    declaredOn.values().stream().filter(i -> i == 1).count(), VICTIM + 1,
                    Duration.between(first, killedAt).toMillis() / 1000.0, check.summary(),
                    check.expectedNotifications(), check.distinctNotifications(), check.duplicateDeliveries(), pending,
                    firedLate.size(), max(firedLate), PagingEvents.percentileMillis(firedLate, 50), max(receivedLate),
                    exhaustLate.size(), max(exhaustLate), apiProblems.isEmpty() ? "agrees" : apiProblems.size() + " problems",
                    notDelivered.size(), notDelivered.isEmpty() ? "" : "\n        " + String.join("\n        ", notDelivered),
                    check.problems().isEmpty() ? "none" : String.join("\n        ", check.problems().subList(0,
                            Math.min(20, check.problems().size()))),
                    seconds(started));
            System.out.println(summary);

            assertThat(check.problems()).as(summary).isEmpty();
            assertThat(check.distinctNotifications()).isEqualTo(PAGES * LEVELS);
            assertThat(check.exhaustedPages()).isEqualTo(PAGES);
            assertThat(check.invalidSignatures()).isZero();
            assertThat(pending).as("deliveries still PENDING").isZero();
            assertThat(apiProblems).as("pages as the API shows them").isEmpty();
            if (NOTIFICATION_STATUS_MUST_CONVERGE) {
                assertThat(notDelivered).as("notifications the API does not show as DELIVERED").isEmpty();
            }
            assertThat(firedLate).as("escalations due after the kill").isNotEmpty();
            assertThat(Duration.ofMillis((long) max(firedLate))).as("worst lateness after the kill\n" + summary)
                    .isLessThanOrEqualTo(FAILOVER_BOUND);
        }
    }

    private static boolean stillArriving(String problem) {
        return problem.startsWith("MISSING") || problem.startsWith("no page.exhausted");
    }

    private static double max(List<Duration> values) {
        return values.stream().mapToDouble(d -> d.toNanos() / 1e6).max().orElse(Double.NaN);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[PagingCrashIT] " + String.format(Locale.ROOT, format, args));
    }
}
