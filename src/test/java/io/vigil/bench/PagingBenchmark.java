package io.vigil.bench;

import io.vigil.it.PagingCluster;
import io.vigil.it.PagingEvents;
import io.vigil.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * Paging latency on the packaged service: two instances ({@code bench.paging.instances}) on one
 * embedded PostgreSQL 17, a three-level ladder of USER targets with a 10 s ack timeout, and a
 * webhook subscription to a receiver in this JVM. Three measurements (docs/performance.md, "Paging"):
 *
 * <ol>
 *   <li><b>dispatch</b>: declare → receipt of the {@code page.triggered} event, from just before the
 *       declaration is sent to the receiver's clock on arrival, over {@code bench.paging.pages} pages
 *       declared at {@code bench.paging.rate} per second, at most {@code bench.paging.inFlight} at a time,
 *       alternating instances. Before them, {@code bench.paging.warmup} pages at the same rate warm both
 *       JVMs up; the run then waits until they are all EXHAUSTED and delivered, so the measured stream
 *       inherits no backlog;</li>
 *   <li><b>escalation lateness</b> of those pages' level-2 and level-3 escalations: the engine's
 *       {@code sentAt − dueAt}, and receipt − {@code dueAt};</li>
 *   <li><b>failover</b>: {@code bench.paging.failoverPages} pages declared together, then {@code kill -9}
 *       of one instance half a second before their level-2 escalations fall due; how late the survivor
 *       fires everything due after the kill.</li>
 * </ol>
 *
 * With {@code bench.paging.failoverPages=0} the failover phase is skipped (and one instance is allowed).
 * PostgreSQL's activity (what connections wait on, and who holds the locks they wait for) is sampled
 * during the measured stream, for the "where the time goes" part of the report.
 *
 * <p>Not a test: {@code ./mvnw -Pbench -DskipTests verify} runs it with the other benchmarks, and
 * {@code ./mvnw -Pbench -DskipTests package exec:exec@paging-benchmark} runs it alone. Writes
 * {@code target/benchmark/paging-results.md}; instance logs in {@code target/benchmark/paging-logs}.
 */
public final class PagingBenchmark {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final int LEVELS = 3;
    /** Targets on the 2-core machine of docs/performance.md. */
    private static final double DISPATCH_P99_TARGET_MS = 250;
    private static final double LATENESS_P99_TARGET_MS = 500;
    private static final double FAILOVER_TARGET_MS = 15_000;

    private final Settings settings;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private WebhookReceiver receiver;
    private PagingCluster cluster;
    private DbActivitySampler sampler;

    private PagingBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromSystemProperties();
        PagingBenchmark bench = new PagingBenchmark(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "paging-bench-cleanup"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(settings.maxRuntime().toMillis());
                System.err.println("PAGING BENCHMARK ABORTED: still running after " + settings.maxRuntime());
                System.exit(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "paging-bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = 0;
        try {
            bench.run();
        } catch (Throwable t) {
            System.err.println("PAGING BENCHMARK FAILED: " + t);
            t.printStackTrace();
            status = 1;
        } finally {
            bench.cleanUp();
        }
        System.exit(status);
    }

    /** One declaration: when it was sent (wall clock and nanos), on which instance, and its answer. */
    record Declared(int n, int instance, Instant sentAt, long sentNanos, long answerNanos, UUID incidentId) {
        double answerMillis() {
            return (answerNanos - sentNanos) / 1e6;
        }
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Files.createDirectories(settings.outputDir());
        String secret = "paging-benchmark-" + UUID.randomUUID();
        receiver = new WebhookReceiver(secret);
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
        jvmArgs.addAll(settings.appJvmArgs());
        Path logDir = settings.outputDir().resolve("paging-logs");
        log("starting PostgreSQL and " + settings.instances() + " instances of " + settings.jar() + " (logs in "
                + logDir + ")");
        long launched = System.nanoTime();
        cluster = PagingCluster.start(PagingCluster.Options.defaults(logDir).withInstances(settings.instances())
                .withJar(settings.jar()).withJvmArgs(jvmArgs).withReadyTimeout(settings.readyTimeout()));
        log(String.format(Locale.ROOT, "cluster ready after %.1f s: %s", (System.nanoTime() - launched) / 1e9,
                cluster.schedulerInstances()));
        PagingCluster.PagingSetup setup = cluster.setUpPaging("bench", LEVELS, ACK_TIMEOUT, receiver.url(), secret);
        Machine machine;
        try (DirectInserts db = new DirectInserts(cluster.databasePort(), 1,
                new DirectInserts.Actor(setup.responderId(), "bench", "bench"))) {
            machine = Machine.describe(db);
        }

        sampler = new DbActivitySampler(cluster.databasePort(), 100);

        // ---- 1 + 2: steady paging ----
        List<ProcessCpu> groups = new ArrayList<>();
        groups.add(ProcessCpu.self("benchmark JVM (client + receiver)"));
        for (int i = 0; i < cluster.size(); i++) {
            int index = i;
            groups.add(ProcessCpu.tree("instance " + (i + 1), () -> cluster.app(index).pid()));
        }
        groups.add(ProcessCpu.tree("PostgreSQL", cluster::postmasterPid));
        // Warm-up: the same stream, unmeasured, then quiet until every warm-up page is finished and the outbox
        // is empty, so that the measured stream starts on warm JVMs but inherits no backlog.
        List<Declared> warm = List.of();
        if (settings.warmup() > 0) {
            log(String.format(Locale.ROOT, "warm-up: %d pages at %d/s", settings.warmup(), settings.rate()));
            warm = declare(setup, settings.warmup(), settings.rate(), settings.inFlight(), n -> n % cluster.size());
            awaitExhausted(warm, Duration.ofSeconds(300));
            awaitDrained(setup, Duration.ofSeconds(120));
            log("warm-up finished: " + PagingEvents.of(receiver.received()).check(pagesOf(warm), setup.levelUsers())
                    .summary());
        }
        log(String.format(Locale.ROOT, "steady phase: %d pages at %d/s, at most %d in flight", settings.pages(),
                settings.rate(), settings.inFlight()));
        List<Map<Long, Long>> cpuBefore = groups.stream().map(ProcessCpu::snapshot).toList();
        double machineBefore = ProcessCpu.machineBusySeconds();
        long steadyStart = System.nanoTime();
        sampler.reset();
        List<Declared> measured = declare(setup, settings.pages(), settings.rate(), settings.inFlight(),
                n -> n % cluster.size());
        List<Declared> steady = new ArrayList<>(warm);
        steady.addAll(measured);
        awaitExhausted(measured, Duration.ofSeconds(120));
        double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
        String dbActivity = sampler.table(25) + "\nWho held the locks others waited for (first blocker per waiter):\n\n"
                + sampler.blockerTable(15);
        double machineAfter = ProcessCpu.machineBusySeconds();
        List<Map<Long, Long>> cpuAfter = groups.stream().map(ProcessCpu::snapshot).toList();
        awaitDrained(setup, Duration.ofSeconds(90));
        String serviceMetrics = metrics(0);

        PagingEvents events = PagingEvents.of(receiver.received());
        Map<UUID, UUID> measuredPages = pagesOf(measured);
        PagingEvents.Check steadyCheck = events.check(measuredPages, setup.levelUsers());
        Map<UUID, PagingEvents.Notified> triggered = new HashMap<>();
        for (PagingEvents.Notified n : events.notified()) {
            if (n.level() == 1) {
                triggered.merge(n.incidentId(), n, (a, b) -> a.receivedAt().isBefore(b.receivedAt()) ? a : b);
            }
        }
        List<Duration> dispatch = new ArrayList<>();
        List<Duration> toEngine = new ArrayList<>();
        List<Duration> outbox = new ArrayList<>();
        List<Duration> answers = new ArrayList<>();
        for (Declared d : measured) {
            PagingEvents.Notified n = triggered.get(d.incidentId());
            answers.add(Duration.ofNanos(d.answerNanos() - d.sentNanos()));
            if (n != null) {
                dispatch.add(Duration.between(d.sentAt(), n.receivedAt()));
                toEngine.add(Duration.between(d.sentAt(), n.sentAt()));
                outbox.add(Duration.between(n.sentAt(), n.receivedAt()));
            }
        }
        Set<UUID> measuredPageIds = Set.copyOf(measuredPages.values());
        List<Duration> firedLate = new ArrayList<>();
        List<Duration> receivedLate = new ArrayList<>();
        Map<Integer, List<Duration>> firedByLevel = new LinkedHashMap<>();
        for (PagingEvents.Notified n : events.distinctNotified()) {
            if (n.level() >= 2 && measuredPageIds.contains(n.pageId())) {
                firedLate.add(n.fired());
                receivedLate.add(n.received());
                firedByLevel.computeIfAbsent(n.level(), k -> new ArrayList<>()).add(n.fired());
            }
        }
        List<Duration> exhaustLate = exhaustionLateness(events, measuredPageIds, null);
        String cpu = cpuTable(groups, cpuBefore, cpuAfter, steadySeconds, machineAfter - machineBefore);
        Map<UUID, List<Duration>> lateByPage = new HashMap<>();
        for (PagingEvents.Notified n : events.distinctNotified()) {
            if (n.level() >= 2) {
                lateByPage.computeIfAbsent(n.pageId(), k -> new ArrayList<>()).add(n.fired());
            }
        }
        List<String> blocks = blocks(steady, triggered, lateByPage);
        log(String.format(Locale.ROOT, "dispatch p50 %.1f ms, p99 %.1f ms, max %.1f ms; lateness p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; %s", p(dispatch, 50), p(dispatch, 99), p(dispatch, 100),
                p(firedLate, 50), p(firedLate, 99), p(firedLate, 100), steadyCheck.summary()));

        // ---- 3: failover ----
        Map<Integer, List<Duration>> afterKill = new LinkedHashMap<>();
        Map<Integer, List<Duration>> afterKillReceived = new LinkedHashMap<>();
        List<Duration> failoverExhaust = new ArrayList<>();
        List<Duration> allAfterKill = new ArrayList<>();
        PagingEvents.Check failoverCheck = null;
        String survivorMetrics = "(no failover phase)\n";
        if (settings.failoverPages() > 0) {
            int victim = cluster.size() - 1;
            log(String.format(Locale.ROOT, "failover phase: %d pages at %d/s, then kill -9 of instance %d",
                    settings.failoverPages(), settings.failoverRate(), victim + 1));
            List<Declared> batch = declare(setup, settings.failoverPages(), settings.failoverRate(),
                    settings.inFlight(), n -> n % cluster.size());
            Instant firstL2Due = batch.stream().map(Declared::sentAt).min(Instant::compareTo).orElseThrow()
                    .plus(ACK_TIMEOUT);
            Instant killAt = firstL2Due.minus(settings.killBeforeDue());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), killAt).toMillis()));
            String before = cluster.schedulerState();
            Instant killedAt = cluster.kill(victim);
            String after = cluster.schedulerState();
            log("killed instance " + (victim + 1) + " (pid " + cluster.app(victim).pid() + ") at " + killedAt
                    + "; just before: " + before + "; just after: " + after);
            awaitExhausted(batch, Duration.ofSeconds(120));
            awaitDrained(setup, Duration.ofSeconds(120));
            PagingEvents failoverEvents = PagingEvents.of(receiver.received());
            Map<UUID, UUID> batchPages = pagesOf(batch);
            failoverCheck = failoverEvents.check(batchPages, setup.levelUsers());
            Set<UUID> batchPageIds = Set.copyOf(batchPages.values());
            for (PagingEvents.Notified n : failoverEvents.distinctNotified()) {
                if (n.level() >= 2 && batchPageIds.contains(n.pageId()) && n.dueAt().isAfter(killedAt)) {
                    afterKill.computeIfAbsent(n.level(), k -> new ArrayList<>()).add(n.fired());
                    afterKillReceived.computeIfAbsent(n.level(), k -> new ArrayList<>()).add(n.received());
                }
            }
            failoverExhaust.addAll(exhaustionLateness(failoverEvents, batchPageIds, killedAt));
            afterKill.values().forEach(allAfterKill::addAll);
            allAfterKill.addAll(failoverExhaust);
            survivorMetrics = metrics(0);
        }

        // ---- report ----
        StringBuilder md = new StringBuilder();
        md.append("## Paging benchmark ").append(startedAt).append("\n\n");
        md.append("Revision `").append(machine.revision()).append("`; ").append(machine.cpu()).append(", ")
                .append(machine.cores()).append(" cores, ").append(machine.memory()).append("; ").append(machine.os())
                .append("; ").append(machine.java()).append("; ").append(machine.postgres().replaceAll(" on .*", ""))
                .append(" (").append(machine.postgresSettings()).append(")\n\n");
        md.append(String.format(Locale.ROOT, "%d instances on one PostgreSQL; ladder of %d USER levels, ack timeout %s, "
                        + "repeat 0; %d measured pages after %d warm-up at %d declarations/s (at most %d in flight, "
                        + "alternating instances); failover batch %d pages at %d/s, kill -9 %.1f s before the first "
                        + "level-2 escalation was due.%n%n", cluster.size(), LEVELS, ACK_TIMEOUT, settings.pages(),
                settings.warmup(), settings.rate(), settings.inFlight(), settings.failoverPages(),
                settings.failoverRate(), settings.killBeforeDue().toMillis() / 1000.0));
        md.append("| measurement | n | p50 ms | p99 ms | max ms | target | result |\n|---|---:|---:|---:|---:|---|---|\n");
        row(md, "dispatch: declare sent → `page.triggered` received", dispatch, "p99 ≤ 250 ms",
                p(dispatch, 99) <= DISPATCH_P99_TARGET_MS);
        row(md, "  of which: declare sent → engine fired (`sentAt`)", toEngine, "", null);
        row(md, "  of which: engine fired → received (outbox)", outbox, "", null);
        row(md, "  declare answered (HTTP 201)", answers, "", null);
        row(md, "escalation lateness L2+L3: `sentAt − dueAt`", firedLate, "p99 ≤ 500 ms",
                p(firedLate, 99) <= LATENESS_P99_TARGET_MS);
        for (Map.Entry<Integer, List<Duration>> e : firedByLevel.entrySet()) {
            row(md, "  level " + e.getKey() + " only", e.getValue(), "", null);
        }
        row(md, "escalation L2+L3: received − `dueAt`", receivedLate, "", null);
        row(md, "exhaustion: `page.exhausted` at − deadline", exhaustLate, "", null);
        for (Map.Entry<Integer, List<Duration>> e : afterKill.entrySet()) {
            row(md, "failover: L" + e.getKey() + " due after the kill, `sentAt − dueAt`", e.getValue(), "", null);
            row(md, "failover: L" + e.getKey() + " due after the kill, received − `dueAt`",
                    afterKillReceived.get(e.getKey()), "", null);
        }
        if (failoverCheck != null) {
            row(md, "failover: exhaustion due after the kill", failoverExhaust, "", null);
            row(md, "failover: everything due after the kill (max)", allAfterKill, "max ≤ 15 s",
                    p(allAfterKill, 100) <= FAILOVER_TARGET_MS);
        }
        md.append("\nCorrectness, steady phase: ").append(steadyCheck.summary()).append(steadyCheck.problems().isEmpty()
                ? "" : " — " + steadyCheck.problems().subList(0, Math.min(5, steadyCheck.problems().size())));
        if (failoverCheck != null) {
            md.append("\n\nCorrectness, failover batch: ").append(failoverCheck.summary())
                    .append(failoverCheck.problems().isEmpty() ? ""
                            : " — " + failoverCheck.problems().subList(0, Math.min(5, failoverCheck.problems().size())));
        }
        md.append("\n\nBy block of declarations (warm-up first): dispatch, and lateness (`sentAt − dueAt`) of "
                        + "the block's L2+L3 escalations:\n\n")
                .append("| declarations | dispatch p50 ms | p99 ms | max ms | lateness p50 ms | p99 ms | max ms |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        blocks.forEach(b -> md.append(b).append('\n'));
        md.append("\nCPU during the steady phase (").append(String.format(Locale.ROOT, "%.0f s", steadySeconds))
                .append("):\n\n").append(cpu);
        md.append("\nPostgreSQL activity during the steady phase (pg_stat_activity every 100 ms): ").append(dbActivity);
        md.append("\nService metrics (instance 1) after the steady phase:\n\n```\n").append(serviceMetrics)
                .append("```\n\nService metrics (instance 1, the survivor) after the failover phase:\n\n```\n")
                .append(survivorMetrics).append("```\n");
        Path results = settings.outputDir().resolve("paging-results.md");
        Files.writeString(results, md.toString());
        System.out.println();
        System.out.println(md);
        log(String.format(Locale.ROOT, "written to %s; the run took %.0f s", results,
                Duration.between(startedAt, Instant.now()).toMillis() / 1000.0));
    }

    /** Declares {@code count} SEV1 incidents at {@code rate}/s, at most {@code inFlight} at a time; waits for all answers. */
    private List<Declared> declare(PagingCluster.PagingSetup setup, int count, int rate, int inFlight,
                                   IntUnaryOperator instanceOf) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        Declared[] declared = new Declared[count];
        List<CompletableFuture<UUID>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + (long) n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            permits.acquire();
            int instance = instanceOf.applyAsInt(n);
            int index = n;
            Instant sentAt = Instant.now();
            long sentNanos = System.nanoTime();
            answers.add(cluster.declareAsync(instance, setup.responderToken(), PagingCluster.sev1(setup.category(), n))
                    .whenComplete((id, error) -> {
                        permits.release();
                        if (id != null) {
                            declared[index] = new Declared(index, instance, sentAt, sentNanos, System.nanoTime(), id);
                        }
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        log(String.format(Locale.ROOT, "%d declarations in %.1f s", count, (System.nanoTime() - start) / 1e9));
        return List.of(declared);
    }

    /** Waits until every one of these incidents' pages has announced {@code page.exhausted}. */
    private void awaitExhausted(List<Declared> declared, Duration grace) throws InterruptedException {
        Set<UUID> incidents = declared.stream().map(Declared::incidentId).collect(Collectors.toSet());
        Instant deadline = Instant.now().plus(ACK_TIMEOUT.multipliedBy(LEVELS)).plus(grace);
        long done = 0;
        while (Instant.now().isBefore(deadline)) {
            done = receiver.received(r -> r.type().equals("page.exhausted")).stream()
                    .map(r -> r.body().path("incident").path("id").asText()).distinct()
                    .filter(id -> incidents.contains(UUID.fromString(id))).count();
            if (done == incidents.size()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("only " + done + " of " + incidents.size() + " pages exhausted by " + deadline
                + "\n" + cluster.tails());
    }

    /** Waits until the outbox has nothing PENDING, so that late duplicates are counted. */
    private void awaitDrained(PagingCluster.PagingSetup setup, Duration atMost) throws Exception {
        Instant deadline = Instant.now().plus(atMost);
        while (cluster.pendingDeliveries(0, setup.webhookId()) > 0) {
            if (Instant.now().isAfter(deadline)) {
                log("WARNING: deliveries still PENDING after " + atMost);
                return;
            }
            Thread.sleep(500);
        }
        Thread.sleep(1_000);
    }

    private Map<UUID, UUID> pagesOf(List<Declared> declared) throws Exception {
        Map<UUID, UUID> pages = new HashMap<>();
        cluster.pages(0, declared.stream().map(Declared::incidentId).toList())
                .forEach((incident, page) -> pages.put(incident, UUID.fromString(page.get("id").asText())));
        return pages;
    }

    /** {@code page.exhausted} time minus the last level's deadline, for pages whose deadline is after {@code after}. */
    private static List<Duration> exhaustionLateness(PagingEvents events, Set<UUID> pages, Instant after) {
        Map<UUID, Instant> due = new HashMap<>();
        for (PagingEvents.Notified n : events.distinctNotified()) {
            if (n.level() == LEVELS && pages.contains(n.pageId())) {
                due.put(n.pageId(), n.dueAt().plus(ACK_TIMEOUT));
            }
        }
        Map<UUID, Instant> at = new HashMap<>();
        events.exhausted().forEach(x -> at.putIfAbsent(x.pageId(), x.at()));
        List<Duration> late = new ArrayList<>();
        due.forEach((page, deadline) -> {
            if (at.containsKey(page) && (after == null || deadline.isAfter(after))) {
                late.add(Duration.between(deadline, at.get(page)));
            }
        });
        return late;
    }

    /** Dispatch and escalation-lateness percentiles per block of 200 declarations: warm-up, and any drift. */
    private List<String> blocks(List<Declared> declared, Map<UUID, PagingEvents.Notified> triggered,
                                Map<UUID, List<Duration>> lateByPage) {
        List<String> rows = new ArrayList<>();
        int size = 200;
        for (int from = 0; from < declared.size(); from += size) {
            List<Duration> block = new ArrayList<>();
            List<Duration> late = new ArrayList<>();
            for (Declared d : declared.subList(from, Math.min(declared.size(), from + size))) {
                PagingEvents.Notified n = triggered.get(d.incidentId());
                if (n != null) {
                    block.add(Duration.between(d.sentAt(), n.receivedAt()));
                    late.addAll(lateByPage.getOrDefault(n.pageId(), List.of()));
                }
            }
            rows.add(String.format(Locale.ROOT, "| %d–%d%s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |", from + 1,
                    Math.min(declared.size(), from + size), from < settings.warmup() ? " (warm-up)" : "",
                    p(block, 50), p(block, 99), p(block, 100), p(late, 50), p(late, 99), p(late, 100)));
        }
        return rows;
    }

    private static String cpuTable(List<ProcessCpu> groups, List<Map<Long, Long>> before, List<Map<Long, Long>> after,
                                   double seconds, double machineSeconds) {
        StringBuilder out = new StringBuilder("| process | CPU s | share of 2 cores |\n|---|---:|---:|\n");
        int cores = Runtime.getRuntime().availableProcessors();
        double sum = 0;
        for (int g = 0; g < groups.size(); g++) {
            double cpu = ProcessCpu.secondsBetween(before.get(g), after.get(g));
            sum += cpu;
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f %% |%n", groups.get(g).name(), cpu,
                    100 * cpu / seconds / cores));
        }
        out.append(String.format(Locale.ROOT, "| other processes | %.1f | %.0f %% |%n", Math.max(0, machineSeconds - sum),
                100 * Math.max(0, machineSeconds - sum) / seconds / cores));
        return out.toString().replace("share of 2 cores", "share of " + cores + " cores");
    }

    /** The service's own paging metrics ({@code vigil_*} lines of /q/metrics). */
    private String metrics(int instance) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(cluster.app(instance).baseUrl() + "/q/metrics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith("vigil_") && !l.contains("_bucket"))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (Exception e) {
            return "(metrics unavailable: " + e + ")\n";
        }
    }

    private static void row(StringBuilder md, String name, List<Duration> values, String target, Boolean met) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s |%n", name,
                values == null ? 0 : values.size(), p(values, 50), p(values, 99), p(values, 100), target,
                met == null ? "" : met ? "**met**" : "**missed**"));
    }

    private static double p(List<Duration> values, double percentile) {
        return values == null ? Double.NaN : PagingEvents.percentileMillis(values, percentile);
    }

    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        if (sampler != null) {
            try {
                sampler.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static void log(String message) {
        System.out.println("[paging-bench] " + message);
    }

    /** Run parameters, from system properties. */
    record Settings(int instances, int pages, int warmup, int rate, int inFlight, int failoverPages, int failoverRate,
                    Duration killBeforeDue, Path jar, Path outputDir, List<String> appJvmArgs, Duration readyTimeout,
                    Duration maxRuntime) {

        static Settings fromSystemProperties() {
            String jvmArgs = System.getProperty("bench.appJvmArgs", "").trim();
            Settings s = new Settings(
                    intProperty("bench.paging.instances", 2),
                    intProperty("bench.paging.pages", 1000),
                    intProperty("bench.paging.warmup", 2000),
                    intProperty("bench.paging.rate", 25),
                    intProperty("bench.paging.inFlight", 16),
                    intProperty("bench.paging.failoverPages", 200),
                    intProperty("bench.paging.failoverRate", 50),
                    Duration.ofMillis(intProperty("bench.paging.killBeforeDueMillis", 500)),
                    Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar")),
                    Path.of(System.getProperty("bench.outputDir", "target/benchmark")),
                    jvmArgs.isEmpty() ? List.of() : List.of(jvmArgs.split("\\s+")),
                    Duration.ofSeconds(intProperty("bench.readyTimeoutSeconds", 120)),
                    Duration.ofSeconds(intProperty("bench.paging.maxRuntimeSeconds", 900)));
            if (s.instances < 1 || s.pages < 1 || s.warmup < 0 || s.rate < 1 || s.inFlight < 1 || s.failoverPages < 0
                    || s.failoverRate < 1 || (s.failoverPages > 0 && s.instances < 2)) {
                throw new IllegalArgumentException("bench.paging.instances >= 1 (>= 2 with a failover phase: it needs "
                        + "a survivor), pages, rate, inFlight, failoverRate >= 1, warmup, failoverPages >= 0 please: " + s);
            }
            return s;
        }

        private static int intProperty(String name, int fallback) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }
    }
}
