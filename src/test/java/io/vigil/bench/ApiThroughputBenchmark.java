package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.persistence.EmbeddedDatabase;
import io.vigil.support.AppProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Throughput of declaring incidents and appending timeline notes through Vigil's HTTP API, next to
 * the ceiling: the same rows inserted directly with the reactive PostgreSQL client, against the same
 * embedded PostgreSQL 17, with the same pool size and concurrency, in the same run. Method and
 * results: {@code docs/performance.md}. Not a test: run it with
 * {@code ./mvnw -Pbench -DskipTests verify}, which packages the service first.
 *
 * <p>Parameters (system properties): {@code bench.warmup} (40000, before the first round of each phase;
 * both JVMs need that many to reach steady state, see docs/performance.md), {@code bench.count} (3000 per
 * phase and round), {@code bench.rounds} (5), {@code bench.concurrency} (16), {@code bench.poolSize} (the service's
 * {@code quarkus.datasource.reactive.max-size}), {@code bench.httpClient} ({@code vertx}, the default: the lean Vert.x client, or {@code jdk}: java.net.http;
 * see docs/performance.md for why), {@code bench.jar}, {@code bench.outputDir},
 * {@code bench.appJvmArgs}, {@code bench.readyTimeoutSeconds} (120), {@code bench.phaseTimeoutSeconds}
 * (300), {@code bench.maxRuntimeSeconds} (900, after which the run aborts itself).
 *
 * <p>Everything stays on loopback; the service and the database are always stopped at the end.
 */
public final class ApiThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private Path workDir;
    private EmbeddedDatabase database;
    private AppProcess app;
    private DirectInserts direct;
    private LoadClient load;

    private ApiThroughputBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromSystemProperties();
        ApiThroughputBenchmark bench = new ApiThroughputBenchmark(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "bench-cleanup"));
        startWatchdog(settings.maxRuntime());
        int status = 0;
        try {
            bench.run();
        } catch (Throwable t) {
            System.err.println("BENCHMARK FAILED: " + t);
            t.printStackTrace();
            status = 1;
        } finally {
            bench.cleanUp();
        }
        System.exit(status); // HTTP client and Vert.x threads must not keep the JVM alive
    }

    /** Bounds the whole run: past the limit it exits, and the shutdown hook stops service and database. */
    private static void startWatchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("BENCHMARK ABORTED: still running after " + limit);
                System.exit(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Files.createDirectories(settings.outputDir());
        workDir = Files.createTempDirectory("vigil-bench-");

        log("starting embedded PostgreSQL in " + workDir);
        database = EmbeddedDatabase.start(workDir, 0, true);
        int dbPort = database.port();

        String bootstrapToken = randomToken();
        int httpPort = AppProcess.freePort();
        Map<String, String> env = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + dbPort + "/postgres",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "ONCALL_AUTH_BOOTSTRAP_TOKEN", bootstrapToken,
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                "QUARKUS_LOG_LEVEL", "WARN");
        Path appLog = settings.outputDir().resolve("app.log");
        log("starting " + settings.jar() + " on 127.0.0.1:" + httpPort + " (log: " + appLog + ")");
        long launched = System.nanoTime();
        app = AppProcess.launch(settings.jar(), settings.appJvmArgs(), env, httpPort, appLog);

        // setup requests (readiness, the responder) go through a plain client; the phases through `load`
        HttpClient setup = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        app.awaitReady(settings.readyTimeout());
        log(String.format(Locale.ROOT, "service ready after %.1f s", (System.nanoTime() - launched) / 1e9));

        Responder responder = createResponder(setup, bootstrapToken);
        load = LoadClient.create(settings.httpClient(), "127.0.0.1", httpPort, settings.concurrency());
        direct = new DirectInserts(dbPort, settings.poolSize(),
                new DirectInserts.Actor(responder.id(), responder.handle(), responder.displayName()));

        List<String> leftToDefault = direct.checkSchema();
        if (!leftToDefault.isEmpty()) {
            log("optional columns the ceiling leaves to their default: " + leftToDefault);
        }

        ProcessCpu clientCpu = ProcessCpu.self("client");
        ProcessCpu appCpu = ProcessCpu.tree("service", app::pid);
        ProcessCpu pgCpu = ProcessCpu.tree("postgres", () -> postmasterPid(workDir));
        List<ProcessCpu> groups = List.of(clientCpu, appCpu, pgCpu);

        // Rounds alternate API and ceiling, so that each ratio compares neighbours in time; the first
        // round of each phase is preceded by its warm-up.
        List<UUID> incidents = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger declarations = new AtomicInteger();
        AtomicInteger notes = new AtomicInteger();
        List<Phase> apiDeclares = new ArrayList<>();
        List<Phase> directDeclares = new ArrayList<>();
        List<Phase> apiNotes = new ArrayList<>();
        List<Phase> directNotes = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            int warmup = round == 1 ? settings.warmup() : 0;
            String suffix = settings.rounds() > 1 ? " #" + round : "";
            apiDeclares.add(measure("declare via API" + suffix, warmup, groups,
                    i -> declareViaApi(responder.token(), declarations.getAndIncrement(), incidents)));
            directDeclares.add(measure("declare, direct inserts" + suffix, warmup, groups,
                    i -> direct.declare(declarations.getAndIncrement())));
            // notes are spread over the incidents the API has declared so far
            UUID[] targets = incidents.toArray(UUID[]::new);
            apiNotes.add(measure("note via API" + suffix, warmup, groups, i -> {
                int n = notes.getAndIncrement();
                return noteViaApi(responder.token(), targets[n % targets.length], n);
            }));
            directNotes.add(measure("note, direct inserts" + suffix, warmup, groups, i -> {
                int n = notes.getAndIncrement();
                return direct.note(targets[n % targets.length], n);
            }));
        }

        String report = Report.markdown(startedAt, settings, Machine.describe(direct), load.describe(), leftToDefault,
                List.of(new Report.Pair("declare", "`POST /api/v1/incidents`", apiDeclares, directDeclares),
                        new Report.Pair("note", "`POST /api/v1/incidents/{id}/timeline`", apiNotes, directNotes)));
        Path results = settings.outputDir().resolve("results.md");
        Files.writeString(results, report);
        System.out.println();
        System.out.println(report);
        log(String.format(Locale.ROOT, "written to %s; the run took %.0f s", results,
                Duration.between(startedAt, Instant.now()).toMillis() / 1000.0));
    }

    /** One phase: a checkpoint, the warm-up, then the measured run with CPU and row counts around it. */
    private Phase measure(String name, int warmup, List<ProcessCpu> groups, IntFunction<CompletionStage<?>> op)
            throws Exception {
        direct.checkpoint();
        if (warmup > 0) {
            ClosedLoop.run(name + " (warm-up)", warmup, settings.concurrency(), settings.phaseTimeout(), op);
        }
        long[] rowsBefore = direct.rowCounts();
        List<Map<Long, Long>> cpuBefore = groups.stream().map(ProcessCpu::snapshot).toList();
        double machineBefore = ProcessCpu.machineBusySeconds();
        ClosedLoop.Result result = ClosedLoop.run(name, settings.count(), settings.concurrency(),
                settings.phaseTimeout(), op);
        double machineAfter = ProcessCpu.machineBusySeconds();
        List<Map<Long, Long>> cpuAfter = groups.stream().map(ProcessCpu::snapshot).toList();
        long[] rowsAfter = direct.rowCounts();
        double[] cpuSeconds = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            cpuSeconds[g] = ProcessCpu.secondsBetween(cpuBefore.get(g), cpuAfter.get(g));
        }
        long[] rows = new long[rowsAfter.length];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = rowsAfter[t] - rowsBefore[t];
        }
        Phase phase = new Phase(result, cpuSeconds, machineAfter - machineBefore, rows);
        log(String.format(Locale.ROOT, "%-24s %8.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  (%d ops in %.2f s;"
                        + " other processes used %.0f %% of the machine)", name, result.opsPerSecond(),
                result.percentileMillis(50), result.percentileMillis(99), result.count(), result.seconds(),
                100 * phase.otherCpuSeconds() / result.seconds() / Runtime.getRuntime().availableProcessors()));
        return phase;
    }

    /**
     * What a phase measured: CPU seconds of load generator, service and PostgreSQL, of the whole
     * machine, and the rows written per table.
     */
    record Phase(ClosedLoop.Result result, double[] cpuSeconds, double machineCpuSeconds, long[] rowsWritten) {

        /** CPU seconds of processes that are not part of the benchmark (another build, say). */
        double otherCpuSeconds() {
            return Math.max(0, machineCpuSeconds - cpuSeconds[0] - cpuSeconds[1] - cpuSeconds[2]);
        }
    }

    private CompletionStage<?> declareViaApi(String token, int i, List<UUID> declared) {
        return load.post("/api/v1/incidents", token, BenchData.declareBody(i)).thenAccept(answer -> {
            expect(201, answer);
            if (answer.location() == null) {
                throw new IllegalStateException("201 without a Location header: " + answer.body());
            }
            declared.add(UUID.fromString(answer.location().substring(answer.location().lastIndexOf('/') + 1)));
        });
    }

    private CompletionStage<?> noteViaApi(String token, UUID incident, int i) {
        return load.post("/api/v1/incidents/" + incident + "/timeline", token, BenchData.noteBody(i))
                .thenAccept(answer -> expect(201, answer));
    }

    private static void expect(int status, LoadClient.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException(answer.request() + " answered " + answer.status() + " instead of " + status
                    + ": " + answer.body());
        }
    }

    private record Responder(UUID id, String handle, String displayName, String token) {
    }

    /** A RESPONDER and a token of theirs, made through the API with the bootstrap admin token. */
    private Responder createResponder(HttpClient http, String adminToken) throws Exception {
        String handle = "bench-responder";
        String displayName = "Benchmark Responder";
        JsonNode user = post(http, adminToken, "/api/v1/users", Map.of("handle", handle, "displayName", displayName,
                "email", "bench-responder@example.org", "timeZone", "UTC", "roles", List.of("RESPONDER")));
        UUID id = UUID.fromString(user.get("id").asText());
        JsonNode token = post(http, adminToken, "/api/v1/users/" + id + "/tokens", Map.of("name", "benchmark"));
        return new Responder(id, handle, displayName, token.get("token").asText());
    }

    private JsonNode post(HttpClient http, String token, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Long postmasterPid(Path workDir) {
        try {
            return Long.parseLong(Files.readAllLines(workDir.resolve("postgres").resolve("postmaster.pid")).get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Stops the service, the direct client and the database, and removes the data; safe to call twice. */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        if (app != null) {
            try {
                app.close();
            } catch (RuntimeException | InterruptedException e) {
                System.err.println("stopping the service: " + e);
            }
        }
        if (direct != null) {
            try {
                direct.close();
            } catch (Exception e) {
                System.err.println("closing the direct client: " + e);
            }
        }
        if (load != null) {
            load.close();
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                System.err.println("removing " + workDir + ": " + e);
            }
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }

    /** Run parameters, from system properties. */
    record Settings(int warmup, int count, int rounds, int concurrency, int poolSize, String httpClient, Path jar,
                    Path outputDir,
                    List<String> appJvmArgs, Duration readyTimeout, Duration phaseTimeout, Duration maxRuntime) {

        static Settings fromSystemProperties() {
            String jvmArgs = System.getProperty("bench.appJvmArgs", "").trim();
            Settings s = new Settings(
                    intProperty("bench.warmup", 40000),
                    intProperty("bench.count", 3000),
                    intProperty("bench.rounds", 5),
                    intProperty("bench.concurrency", 16),
                    intProperty("bench.poolSize", servicePoolSize()),
                    System.getProperty("bench.httpClient", "vertx").trim(),
                    Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar")),
                    Path.of(System.getProperty("bench.outputDir", "target/benchmark")),
                    jvmArgs.isEmpty() ? List.of() : List.of(jvmArgs.split("\\s+")),
                    Duration.ofSeconds(intProperty("bench.readyTimeoutSeconds", 120)),
                    Duration.ofSeconds(intProperty("bench.phaseTimeoutSeconds", 300)),
                    Duration.ofSeconds(intProperty("bench.maxRuntimeSeconds", 900)));
            if (s.warmup < 0 || s.count < 1 || s.rounds < 1 || s.concurrency < 1 || s.poolSize < 1) {
                throw new IllegalArgumentException("bench.warmup >= 0, bench.count, bench.rounds, bench.concurrency"
                        + " and bench.poolSize >= 1 please: " + s);
            }
            return s;
        }

        private static int intProperty(String name, int fallback) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        }

        /** The service's own pool size, read from its application.properties, so the ceiling uses the same. */
        private static int servicePoolSize() {
            try (InputStream in = ApiThroughputBenchmark.class.getResourceAsStream("/application.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String size = p.getProperty("quarkus.datasource.reactive.max-size");
                    if (size != null) {
                        return Integer.parseInt(size.trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the Quarkus default below
            }
            return 20;
        }
    }
}
