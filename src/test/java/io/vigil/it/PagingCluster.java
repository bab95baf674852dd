package io.vigil.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.persistence.EmbeddedDatabase;
import io.vigil.support.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several instances of the packaged service sharing one PostgreSQL, as an operator runs Vigil for
 * high availability: one embedded PostgreSQL 17 started here (the class the service itself uses when
 * nothing is configured), and N {@code java -jar target/quarkus-app/quarkus-run.jar} processes pointed
 * at it through {@code QUARKUS_DATASOURCE_*}, on their own loopback ports, with the same bootstrap
 * token. Used by {@link PagingCrashIT} and {@code io.vigil.bench.PagingBenchmark}. {@link #close()}
 * stops every instance and the database and deletes the data.
 */
public final class PagingCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Server database;
    private final Options options;
    private final String adminToken;
    private final List<AppProcess> apps = new ArrayList<>();
    private final Map<Integer, Integer> launches = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PagingCluster(Path workDir, Server database, Options options, String adminToken) {
        this.workDir = workDir;
        this.database = database;
        this.options = options;
        this.adminToken = adminToken;
    }

    /** The PostgreSQL the instances share. */
    public enum Database {
        /** The embedded PostgreSQL 17 the service itself uses when nothing is configured. */
        EMBEDDED_17,
        /** Debian's postgresql-15 package, as an operator-run server ({@link DebianPostgres}). */
        DEBIAN_15
    }

    /** A started database server. */
    private interface Server {
        int port();

        void close() throws IOException;

        default void crash() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("only the Debian server can be crashed and restarted");
        }

        default void startAgain() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("only the Debian server can be crashed and restarted");
        }
    }

    /** What to start. {@code {instance}} in a JVM argument becomes the instance's number (1, 2, …), e.g. for JFR files. */
    public record Options(int instances, Path jar, Path logDir, List<String> jvmArgs, Map<String, String> env,
                          boolean durableDatabase, Duration readyTimeout, Database database) {

        /** Two instances of the jar failsafe names ({@code vigil.jar}), production settings, 512 MiB heap each. */
        public static Options defaults(Path logDir) {
            return new Options(2, Path.of(System.getProperty("vigil.jar", "target/quarkus-app/quarkus-run.jar")),
                    logDir, List.of("-Xmx512m"), Map.of(), true, Duration.ofMinutes(2), Database.EMBEDDED_17);
        }

        public Options withInstances(int n) {
            return new Options(n, jar, logDir, jvmArgs, env, durableDatabase, readyTimeout, database);
        }

        public Options withJar(Path path) {
            return new Options(instances, path, logDir, jvmArgs, env, durableDatabase, readyTimeout, database);
        }

        public Options withJvmArgs(List<String> args) {
            return new Options(instances, jar, logDir, args, env, durableDatabase, readyTimeout, database);
        }

        public Options withReadyTimeout(Duration timeout) {
            return new Options(instances, jar, logDir, jvmArgs, env, durableDatabase, timeout, database);
        }

        public Options withEnv(Map<String, String> extra) {
            return new Options(instances, jar, logDir, jvmArgs, extra, durableDatabase, readyTimeout, database);
        }

        public Options withDatabase(Database kind) {
            return new Options(instances, jar, logDir, jvmArgs, env, durableDatabase, readyTimeout, kind);
        }
    }

    /**
     * Starts the database, then the first instance (it runs the Flyway migrations), then the others
     * together; returns when every instance answers {@code /q/health/ready}.
     */
    public static PagingCluster start(Options options) throws Exception {
        Path workDir = Files.createTempDirectory("vigil-cluster-");
        Server database = startDatabase(options, workDir);
        PagingCluster cluster = new PagingCluster(workDir, database, options, randomToken());
        try {
            Files.createDirectories(options.logDir());
            cluster.apps.add(cluster.launch(options, 1));
            cluster.apps.get(0).awaitReady(options.readyTimeout());
            for (int i = 2; i <= options.instances(); i++) {
                cluster.apps.add(cluster.launch(options, i));
            }
            for (AppProcess app : cluster.apps) {
                app.awaitReady(options.readyTimeout());
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Server startDatabase(Options options, Path workDir) throws IOException, InterruptedException {
        if (options.database() == Database.DEBIAN_15) {
            DebianPostgres.assumeInstalled();
            DebianPostgres server = DebianPostgres.start(workDir.resolve("postgres"));
            return new Server() {
                public int port() {
                    return server.port();
                }

                public void close() throws IOException {
                    server.close();
                }

                public void crash() throws IOException, InterruptedException {
                    server.crash();
                }

                public void startAgain() throws IOException, InterruptedException {
                    server.startAgain();
                }
            };
        }
        EmbeddedDatabase server = EmbeddedDatabase.start(workDir, 0, options.durableDatabase());
        return new Server() {
            public int port() {
                return server.port();
            }

            public void close() throws IOException {
                server.close();
            }
        };
    }

    /**
     * Starts instance {@code index} again (a new process on a new port, same settings), as a
     * rolling update or a restarted pod does; the old process must have ended. Returns when ready.
     */
    public AppProcess relaunch(int index) throws IOException, InterruptedException {
        if (ProcessHandle.of(apps.get(index).pid()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("instance " + (index + 1) + " is still running");
        }
        AppProcess app = launch(options, index + 1);
        apps.set(index, app);
        app.awaitReady(options.readyTimeout());
        return app;
    }

    private AppProcess launch(Options options, int number) throws IOException {
        int port = AppProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + database.port() + "/postgres",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "ONCALL_AUTH_BOOTSTRAP_TOKEN", adminToken,
                "QUARKUS_HTTP_HOST", "127.0.0.1"));
        env.putAll(options.env());
        List<String> jvmArgs = options.jvmArgs().stream().map(a -> a.replace("{instance}", String.valueOf(number)))
                .toList();
        int run = launches.merge(number, 1, Integer::sum);
        Path log = options.logDir().resolve("instance-" + number + (run == 1 ? "" : "-run" + run) + ".log");
        return AppProcess.launch(options.jar(), jvmArgs, env, port, log);
    }

    public AppProcess app(int index) {
        return apps.get(index);
    }

    public int size() {
        return apps.size();
    }

    public int databasePort() {
        return database.port();
    }

    public String adminToken() {
        return adminToken;
    }

    /**
     * Takes the database away as a failover does ({@link Database#DEBIAN_15} only): every connection
     * drops at once, and nothing answers on the port until {@link #restoreDatabase()}.
     */
    public void crashDatabase() throws IOException, InterruptedException {
        database.crash();
    }

    /** Brings the database back on the same address, as the promoted standby behind the same name. */
    public void restoreDatabase() throws IOException, InterruptedException {
        database.startAgain();
    }

    /** The postmaster's pid, for CPU accounting; null when unreadable. */
    public Long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(workDir.resolve("postgres").resolve("postmaster.pid")).get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code kill -9} of instance {@code index}: SIGKILL to the service's own JVM (checked to be the
     * {@code java … quarkus-run.jar} process itself, not a wrapper), no shutdown hooks, no graceful
     * stop. Returns when the process is gone; the instant returned is just before the signal.
     */
    public Instant kill(int index) throws Exception {
        AppProcess app = apps.get(index);
        ProcessHandle jvm = ProcessHandle.of(app.pid()).orElseThrow(() -> new IllegalStateException(
                "instance " + (index + 1) + " (pid " + app.pid() + ") is not running"));
        String command = jvm.info().command().orElse("");
        String commandLine = jvm.info().commandLine().orElse(String.join(" ", jvm.info().arguments().orElse(new String[0])));
        if (!command.endsWith("/java") || !commandLine.contains("quarkus-run.jar")) {
            throw new IllegalStateException("pid " + app.pid() + " is not the service JVM: " + commandLine);
        }
        Instant at = Instant.now();
        if (!jvm.destroyForcibly()) {
            throw new IllegalStateException("SIGKILL to pid " + app.pid() + " was refused");
        }
        jvm.onExit().get(30, TimeUnit.SECONDS);
        return at;
    }

    /** Runs {@code query} on the shared database and joins the first column of its rows with "; " (diagnostics). */
    public String sql(String query) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:"
                + database.port() + "/postgres", "postgres", "postgres");
             java.sql.Statement statement = db.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(query)) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
            return String.join("; ", lines);
        } catch (java.sql.SQLException | RuntimeException e) {
            return "(query failed: " + e + ")";
        }
    }

    /** What the service's clustered scheduler and outbox hold right now: fired Quartz triggers by instance, live leases. */
    public String schedulerState() {
        return sql("""
                select 'quartz fired triggers: ' || coalesce(string_agg(instance_name || ' ' || state || ' x' || n, ', '), 'none')
                from (select instance_name, state, count(*) n from qrtz_fired_triggers group by 1, 2) t
                union all
                select 'webhook deliveries under a live lease: ' || count(*) from webhook_delivery
                where status = 'PENDING' and lease_until > now()""");
    }

    /** The Quartz instance ids alive in the cluster table, with their last checkin. */
    public String schedulerInstances() {
        return sql("select string_agg(instance_name || ' (checkin ' || to_timestamp(last_checkin_time / 1000.0) || ')', ', ') "
                + "from qrtz_scheduler_state");
    }

    // ---- setting up paging through the API ----

    /** What {@link #setUpPaging} made. {@code levelUsers.get(i)} is the one user of level i + 1. */
    public record PagingSetup(String category, UUID policyId, UUID webhookId, List<UUID> levelUsers,
                              List<String> levelHandles, UUID responderId, String responderToken,
                              List<String> levelSlackIds) {
    }

    /**
     * Through the API of instance 0, as the bootstrap admin: one user per level, a RESPONDER (who
     * declares), a new category, an escalation policy for SEV1 of that category with {@code levels}
     * levels of one USER target each, {@code ackTimeout} per level and no repeat, and a webhook
     * subscription to every event at {@code webhookUrl}.
     */
    public PagingSetup setUpPaging(String label, int levels, Duration ackTimeout, String webhookUrl, String secret)
            throws Exception {
        return setUpPaging(label, levels, ackTimeout, webhookUrl, secret, false);
    }

    /** As above; with {@code slack}, each level's user is also linked to a Slack user id, so pages DM them. */
    public PagingSetup setUpPaging(String label, int levels, Duration ackTimeout, String webhookUrl, String secret,
                                   boolean slack) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<UUID> users = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<String> slackIds = new ArrayList<>();
        for (int level = 1; level <= levels; level++) {
            String handle = label + "-l" + level + "-" + suffix;
            String slackId = slack ? ("U" + suffix + "L" + level).toUpperCase() : null;
            users.add(createUser(handle, "RESPONDER", slackId));
            handles.add(handle);
            if (slack) {
                slackIds.add(slackId);
            }
        }
        UUID responder = createUser(label + "-declarer-" + suffix, "RESPONDER", null);
        String token = post(0, adminToken, "/api/v1/users/" + responder + "/tokens", Map.of("name", label), 201)
                .get("token").asText();
        String category = (label.replaceAll("[^A-Za-z0-9]", "_") + "_" + suffix).toUpperCase();
        post(0, adminToken, "/api/v1/categories", Map.of("code", category, "name", "Category " + category,
                "description", "made by " + label, "restrictedByDefault", false), 201);
        List<Map<String, Object>> ladder = new ArrayList<>();
        for (UUID user : users) {
            ladder.add(Map.of("targets", List.of(Map.of("type", "USER", "userId", user.toString())),
                    "ackTimeout", ackTimeout.toString()));
        }
        UUID policy = UUID.fromString(post(0, adminToken, "/api/v1/escalation-policies", Map.of(
                "name", label + " " + suffix, "severities", List.of("SEV1"), "categories", List.of(category),
                "levels", ladder, "repeat", 0), 201).get("id").asText());
        UUID webhook = UUID.fromString(post(0, adminToken, "/api/v1/webhooks", Map.of("url", webhookUrl,
                "secret", secret, "events", List.of("*")), 201).get("id").asText());
        return new PagingSetup(category, policy, webhook, List.copyOf(users), List.copyOf(handles), responder, token,
                List.copyOf(slackIds));
    }

    private UUID createUser(String handle, String role, String slackUserId) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("handle", handle, "displayName", "Pager " + handle,
                "email", handle + "@example.org", "timeZone", "UTC", "roles", List.of(role)));
        if (slackUserId != null) {
            body.put("slackUserId", slackUserId);
        }
        return UUID.fromString(post(0, adminToken, "/api/v1/users", body, 201).get("id").asText());
    }

    /** The page id of each incident in {@code pages} (as {@link #pages} answers them). */
    public static Map<UUID, UUID> pageIds(Map<UUID, JsonNode> pages) {
        Map<UUID, UUID> ids = new java.util.LinkedHashMap<>();
        pages.forEach((incident, page) -> ids.put(incident, UUID.fromString(page.get("id").asText())));
        return ids;
    }

    /** Slack DMs counted per page and level: expected (one each), posted in all, lost, and posted more than once. */
    public record SlackDms(int expected, int posted, int lost, int duplicated) {
    }

    /** Per page and level: the DMs in that level's person's conversation on {@code slack} that carry the page's id. */
    public static SlackDms slackDms(io.vigil.support.FakeSlack slack, PagingSetup setup, Map<UUID, JsonNode> pages) {
        int posted = 0;
        int lost = 0;
        int duplicated = 0;
        for (String slackId : setup.levelSlackIds()) {
            List<String> messages = slack.messages("D" + slackId.substring(1)).stream()
                    .map(m -> m.path("blocks").toString()).toList();
            for (JsonNode page : pages.values()) {
                String pageId = page.get("id").asText();
                long count = messages.stream().filter(m -> m.contains(pageId)).count();
                posted += (int) count;
                lost += count == 0 ? 1 : 0;
                duplicated += count > 1 ? (int) count - 1 : 0;
            }
        }
        return new SlackDms(pages.size() * setup.levelSlackIds().size(), posted, lost, duplicated);
    }

    /** The body of a SEV1 declaration in {@code category}. */
    public static Map<String, Object> sev1(String category, int n) {
        return Map.of("title", "Paging test incident " + n, "summary", "Declared to be paged, number " + n,
                "category", category, "severity", "SEV1", "region", "EMEA");
    }

    /** Declares asynchronously on instance {@code index}; completes with the incident id, or fails on non-201. */
    public CompletableFuture<UUID> declareAsync(int index, String token, Map<String, Object> body) {
        HttpRequest request;
        try {
            request = request(index, token, "/api/v1/incidents")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/v1/incidents on instance " + (index + 1) + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            try {
                return UUID.fromString(JSON.readTree(response.body()).get("id").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every page whose incident is one of {@code incidents}, by incident id, as instance {@code index} answers. */
    public Map<UUID, JsonNode> pages(int index, java.util.Collection<UUID> incidents) throws Exception {
        java.util.Set<UUID> wanted = new java.util.HashSet<>(incidents);
        Map<UUID, JsonNode> byIncident = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get(index, adminToken, "/api/v1/pages?limit=200"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8)));
            for (JsonNode item : page.get("items")) {
                UUID incident = UUID.fromString(item.get("incidentId").asText());
                if (wanted.contains(incident)) {
                    byIncident.put(incident, item);
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return byIncident;
    }

    /** How many deliveries of the subscription are still PENDING (up to 200), per instance {@code index}. */
    public int pendingDeliveries(int index, UUID webhookId) throws Exception {
        return get(index, adminToken, "/api/v1/webhooks/" + webhookId + "/deliveries?status=PENDING&limit=200")
                .get("items").size();
    }

    public JsonNode post(int index, String token, String path, Object body, int expected) throws Exception {
        HttpRequest request = request(index, token, path)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    public JsonNode get(int index, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(request(index, token, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(int index, String token, String path) {
        return HttpRequest.newBuilder(URI.create(apps.get(index).baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    /** The last lines of every instance's log, for failure messages. */
    public String tails() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < apps.size(); i++) {
            out.append("--- instance ").append(i + 1).append(" (pid ").append(apps.get(i).pid()).append(") ---\n")
                    .append(apps.get(i).tail()).append('\n');
        }
        return out.toString();
    }

    /** Stops every instance still running (SIGTERM, then SIGKILL), then the database, and deletes its data. */
    @Override
    public void close() {
        for (AppProcess app : apps) {
            try {
                app.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("stopping pid " + app.pid() + ": " + e);
            }
        }
        try {
            database.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping PostgreSQL: " + e);
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("removing " + workDir + ": " + e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Optional<Instant> instant(JsonNode node) {
        return node == null || !node.isTextual() ? Optional.empty() : Optional.of(Instant.parse(node.asText()));
    }
}
