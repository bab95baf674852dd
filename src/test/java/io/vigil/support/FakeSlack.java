package io.vigil.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A fake Slack Web API on 127.0.0.1 for tests, built on the JDK's HTTP server only. It records every
 * call, keeps the state the methods Vigil uses need (conversations, members, messages with their
 * metadata), answers as Slack does — including {@code ok:false} errors — and can be told to rate-limit
 * (429 + Retry-After), fail (5xx), answer late (after doing the work, or without doing it), or answer an
 * error for one method.
 *
 * <p>Requests are {@code POST /api/<method>}, form-encoded (what the official Java SDK 1.47.0 sends for
 * every Web API method, JSON-valued parameters such as {@code blocks} and {@code metadata} being JSON
 * strings inside the form) or {@code application/json} (top-level fields flattened into parameters:
 * strings as they are, anything else as its JSON text). The token is the {@code Authorization: Bearer}
 * header, else the {@code token} parameter.
 *
 * <p>Faults are queued FIFO and apply to the next requests whatever their method, one per request; once
 * the queue is empty, {@link #failUntil} applies. A faulted request is recorded in {@link #calls()} with
 * what it was answered. Calls are listed in arrival order ({@link Call#seq()}); a delayed call appears
 * once its answer is written.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-vigil-test-token";
    /** The bot's own user id: the creator, and so a member, of every conversation it creates. */
    public static final String BOT_USER = "UBOT";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TS_BASE_SECONDS = 1_700_000_000L;
    private static FakeSlack shared;

    /** One request as received, with what the fake answered. */
    public record Call(long seq, String method, Map<String, String> params, String token, Instant at, int httpStatus,
                       boolean ok, String error) {

        /** The parameter, or null when absent. */
        public String param(String name) {
            return params.get(name);
        }

        /** The parameter parsed as JSON ({@code blocks}, {@code metadata}), or null when absent. */
        public JsonNode json(String name) {
            String value = params.get(name);
            if (value == null) {
                return null;
            }
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException("parameter " + name + " of " + method + " is not JSON: " + value, e);
            }
        }

        /** The method and every parameter name and value, for "does X leak" assertions. */
        public String everything() {
            StringBuilder all = new StringBuilder(method);
            params.forEach((k, v) -> all.append('\n').append(k).append('=').append(v));
            return all.toString();
        }

        public boolean succeeded() {
            return httpStatus == 200 && ok;
        }
    }

    private sealed interface Fault {
    }

    /** An HTTP error status instead of an answer, without doing anything. */
    private record Status(int status, Integer retryAfterSeconds) implements Fault {
    }

    /** A late answer; with {@code process} the request takes effect first, else not at all. */
    private record Delay(Duration delay, boolean process) implements Fault {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong tsCounter = new AtomicLong();

    // everything below is guarded by "this"
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Deque<String>> methodErrors = new HashMap<>();
    private Instant failUntil = Instant.MIN;
    private int failUntilStatus;
    /** The last {@link Call#seq()} that arrived before the last {@link #reset()}: such calls are not recorded. */
    private long forgottenUpTo;
    private final Map<String, ObjectNode> conversations = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, List<ObjectNode>> messages = new HashMap<>();

    private FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "fake-slack");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/api/", this::handle);
        startOnDaemonThread();
    }

    /**
     * The JDK server's dispatcher thread inherits the daemon flag of the thread that starts it: starting
     * it from a daemon thread keeps a never-closed server (the {@link #shared()} one) from holding the JVM.
     */
    private void startOnDaemonThread() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "fake-slack-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake Slack", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** A new server on a random loopback port; close it when done. */
    public static FakeSlack start() {
        return new FakeSlack();
    }

    /** One lazily started server for the whole JVM, never closed (its threads are daemons). */
    public static synchronized FakeSlack shared() {
        if (shared == null) {
            shared = new FakeSlack();
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>/api/}, with the trailing slash the SDK's endpoint prefix wants. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ what happened

    /** Every call in arrival order, failed ones included. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The calls of {@code method} that were answered HTTP 200 with {@code ok:true}. */
    public List<Call> succeeded(String method) {
        return calls(method).stream().filter(Call::succeeded).toList();
    }

    /**
     * Waits until {@code condition} holds over {@link #calls()}, polling every 20 ms; an AssertionError
     * listing the calls seen when it does not within {@code within}.
     */
    public void await(Duration within, Predicate<List<Call>> condition) {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.test(calls())) {
            if (System.nanoTime() - until > 0) {
                throw new AssertionError("fake Slack never saw what was expected within " + within + "; calls: "
                        + calls().stream().map(c -> c.method() + "(" + c.httpStatus()
                        + (c.error() == null ? "" : " " + c.error()) + ")").toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for fake Slack calls", e);
            }
        }
    }

    /**
     * The messages of a conversation as they are now (updates applied), oldest first, each with
     * {@code channel}, {@code ts}, {@code text} and, when given, {@code blocks} and {@code metadata}.
     */
    public synchronized List<JsonNode> messages(String conversationId) {
        return messages.getOrDefault(conversationId, List.of()).stream().map(m -> (JsonNode) m.deepCopy()).toList();
    }

    public synchronized Optional<String> channelIdByName(String name) {
        return conversations.values().stream().filter(c -> name.equals(c.path("name").asText()))
                .map(c -> c.path("id").asText()).findFirst();
    }

    public synchronized boolean isPrivate(String channelId) {
        ObjectNode channel = conversations.get(channelId);
        return channel != null && channel.path("is_private").asBoolean();
    }

    /** The user ids in a conversation created through {@code conversations.create} (the bot included). */
    public synchronized Set<String> members(String channelId) {
        return Set.copyOf(members.getOrDefault(channelId, Set.of()));
    }

    /**
     * Forgets calls, faults and state (conversations, members, messages); a request still being answered
     * (delayed) is not recorded when its answer goes. Timestamps keep increasing.
     */
    public synchronized void reset() {
        forgottenUpTo = seq.get();
        calls.clear();
        faults.clear();
        methodErrors.clear();
        failUntil = Instant.MIN;
        failUntilStatus = 0;
        conversations.clear();
        members.clear();
        messages.clear();
    }

    // ------------------------------------------------------------------ faults (FIFO, one per request)

    /** The next {@code count} requests: HTTP 429, {@code Retry-After: <n>}, {"ok":false,"error":"ratelimited"}. */
    public synchronized void rateLimitNext(int count, int retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            faults.add(new Status(429, retryAfterSeconds));
        }
    }

    /** The next {@code count} requests: that HTTP status with the plain body "upstream error". */
    public synchronized void failNext(int count, int httpStatus) {
        for (int i = 0; i < count; i++) {
            faults.add(new Status(httpStatus, null));
        }
    }

    /** Every request fails with {@code httpStatus} until {@code until} (once the queued faults are used). */
    public synchronized void failUntil(Instant until, int httpStatus) {
        failUntil = until;
        failUntilStatus = httpStatus;
    }

    /**
     * The next {@code count} requests are answered after {@code delay}. With {@code process} the request
     * takes effect at once and its normal answer comes late (Slack did it, the answer is late); without,
     * nothing happens and the late answer is HTTP 504 "upstream error".
     */
    public synchronized void delayNext(int count, Duration delay, boolean process) {
        for (int i = 0; i < count; i++) {
            faults.add(new Delay(delay, process));
        }
    }

    /**
     * The next call of {@code method} (not taken by a queued HTTP fault) answers HTTP 200
     * {"ok":false,"error":error} without changing anything. Calling it twice covers the next two calls.
     */
    public synchronized void errorNext(String method, String error) {
        methodErrors.computeIfAbsent(method, k -> new ArrayDeque<>()).add(error);
    }

    // ------------------------------------------------------------------ serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params;
            try {
                params = parse(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestBody().readAllBytes());
            } catch (IOException | RuntimeException e) {
                record(seq.incrementAndGet(), method, Map.of(), null, Instant.now(), 200, false, "invalid_form_data");
                send(exchange, 200, error("invalid_form_data").toString(), null);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : params.get("token");

            long number;
            Instant at;
            Fault fault;
            String forcedError = null;
            synchronized (this) { // a request's number and its fault are taken together, against reset()
                number = seq.incrementAndGet();
                at = Instant.now();
                fault = faults.poll();
                if (fault == null && at.isBefore(failUntil)) {
                    fault = new Status(failUntilStatus, null);
                }
                if (fault == null || fault instanceof Delay d && d.process()) {
                    Deque<String> queued = methodErrors.get(method);
                    forcedError = queued == null ? null : queued.poll();
                }
            }

            if (fault instanceof Status status) {
                String body = status.status() == 429 ? error("ratelimited").toString() : "upstream error";
                record(number, method, params, token, at, status.status(), false,
                        status.status() == 429 ? "ratelimited" : null);
                send(exchange, status.status(), body, status.retryAfterSeconds());
                return;
            }
            Delay delay = fault instanceof Delay d ? d : null;
            if (delay != null && !delay.process()) {
                sleep(delay.delay());
                record(number, method, params, token, at, 504, false, null);
                send(exchange, 504, "upstream error", null);
                return;
            }

            ObjectNode answer;
            if (forcedError != null) {
                answer = error(forcedError);
            } else if (!BOT_TOKEN.equals(token)) {
                answer = error("invalid_auth");
            } else {
                synchronized (this) {
                    try {
                        answer = apply(method, params);
                    } catch (RuntimeException e) { // a malformed parameter, say a limit that is no number
                        answer = error("invalid_arguments");
                    }
                }
            }
            if (delay != null) {
                sleep(delay.delay());
            }
            record(number, method, params, token, at, 200, answer.path("ok").asBoolean(),
                    answer.path("error").asText(null));
            send(exchange, 200, answer.toString(), null);
        }
    }

    /** Adds a call keeping the list in arrival order (a delayed call is recorded late). */
    private synchronized void record(long number, String method, Map<String, String> params, String token,
                                     Instant at, int status, boolean ok, String error) {
        if (number <= forgottenUpTo) {
            return;
        }
        Call call = new Call(number, method, Map.copyOf(params), token, at, status, ok, error);
        int index = calls.size();
        while (index > 0 && calls.get(index - 1).seq() > number) {
            index--;
        }
        calls.add(index, call);
    }

    private ObjectNode apply(String method, Map<String, String> p) {
        return switch (method) {
            case "auth.test" -> ok().put("user_id", BOT_USER).put("team_id", "T0VIGIL").put("bot_id", "B0VIGIL");
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> ok().put("message_ts", nextTs());
            case "conversations.create" -> create(p);
            case "conversations.invite" -> invite(p);
            case "conversations.open" -> open(p);
            case "conversations.history" -> history(p);
            default -> error("unknown_method");
        };
    }

    private ObjectNode postMessage(Map<String, String> p) {
        String channel = conversationOf(p.get("channel"));
        if (channel == null) {
            return error("channel_not_found");
        }
        String ts = nextTs();
        ObjectNode message = JSON.createObjectNode().put("type", "message").put("channel", channel).put("ts", ts)
                .put("text", p.getOrDefault("text", ""));
        putJson(message, "blocks", p.get("blocks"));
        putJson(message, "metadata", p.get("metadata"));
        messages.computeIfAbsent(channel, k -> new ArrayList<>()).add(message);
        ObjectNode answer = ok().put("channel", channel).put("ts", ts);
        answer.putObject("message").put("type", "message").put("text", message.path("text").asText()).put("ts", ts);
        return answer;
    }

    private ObjectNode update(Map<String, String> p) {
        String channel = conversationOf(p.get("channel"));
        String ts = p.get("ts");
        if (channel == null) {
            return error("channel_not_found");
        }
        for (ObjectNode message : messages.getOrDefault(channel, List.of())) {
            if (message.path("ts").asText().equals(ts)) {
                if (p.containsKey("text")) {
                    message.put("text", p.get("text"));
                }
                putJson(message, "blocks", p.get("blocks"));
                putJson(message, "metadata", p.get("metadata"));
                return ok().put("channel", channel).put("ts", ts).put("text", message.path("text").asText());
            }
        }
        return error("message_not_found");
    }

    private ObjectNode create(Map<String, String> p) {
        String name = p.getOrDefault("name", "");
        if (!name.matches("^[a-z0-9_-]{1,80}$")) {
            return error("invalid_name_specials");
        }
        if (conversations.values().stream().anyMatch(c -> name.equals(c.path("name").asText()))) {
            return error("name_taken");
        }
        String id;
        do {
            StringBuilder chars = new StringBuilder("C");
            for (int i = 0; i < 10; i++) {
                chars.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
            }
            id = chars.toString();
        } while (conversations.containsKey(id));
        ObjectNode channel = JSON.createObjectNode().put("id", id).put("name", name).put("is_channel", true)
                .put("is_private", isTrue(p.get("is_private")))
                .put("created", Instant.now().getEpochSecond());
        conversations.put(id, channel);
        members.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(BOT_USER);
        ObjectNode answer = ok();
        answer.set("channel", channel.deepCopy());
        return answer;
    }

    private ObjectNode invite(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || !conversations.containsKey(channel)) {
            return error("channel_not_found");
        }
        List<String> users = Arrays.stream(p.getOrDefault("users", "").split(",")).map(String::trim)
                .filter(u -> !u.isEmpty()).toList();
        if (users.isEmpty()) {
            return error("no_user");
        }
        Set<String> present = members.computeIfAbsent(channel, k -> new LinkedHashSet<>());
        if (present.containsAll(users)) {
            return error("already_in_channel");
        }
        present.addAll(users);
        ObjectNode answer = ok();
        answer.putObject("channel").put("id", channel).put("name", conversations.get(channel).path("name").asText());
        return answer;
    }

    /** The bot's DM with one user: "D" + the user id without its first letter. */
    private ObjectNode open(Map<String, String> p) {
        String users = p.getOrDefault("users", "").trim();
        if (users.isEmpty() || users.contains(",")) {
            return error("not_enough_users");
        }
        String dm = conversationOf(users);
        if (dm == null || !dm.startsWith("D")) {
            return error("user_not_found");
        }
        ObjectNode answer = ok();
        answer.putObject("channel").put("id", dm);
        return answer;
    }

    private ObjectNode history(Map<String, String> p) {
        String channel = conversationOf(p.get("channel"));
        if (channel == null) {
            return error("channel_not_found");
        }
        String oldestParam = p.get("oldest");
        BigDecimal oldest = oldestParam == null || oldestParam.isBlank() ? BigDecimal.ZERO : new BigDecimal(oldestParam);
        String limitParam = p.get("limit");
        int limit = limitParam == null || limitParam.isBlank() || "0".equals(limitParam) ? 100
                : Integer.parseInt(limitParam);
        boolean withMetadata = isTrue(p.get("include_all_metadata"));
        List<ObjectNode> newerFirst = new ArrayList<>(messages.getOrDefault(channel, List.of()));
        newerFirst.sort(Comparator.comparing((ObjectNode m) -> new BigDecimal(m.path("ts").asText())).reversed());
        ObjectNode answer = ok();
        ArrayNode list = answer.putArray("messages");
        for (ObjectNode message : newerFirst) {
            if (list.size() >= limit) {
                break;
            }
            if (new BigDecimal(message.path("ts").asText()).compareTo(oldest) > 0) {
                ObjectNode shown = list.addObject().put("type", "message").put("ts", message.path("ts").asText())
                        .put("text", message.path("text").asText());
                if (withMetadata && message.has("metadata")) {
                    shown.set("metadata", message.get("metadata").deepCopy());
                }
            }
        }
        answer.put("has_more", false);
        return answer;
    }

    /** The conversation a channel parameter names: a user id (U…, W…) means the bot's DM with them. */
    private String conversationOf(String channel) {
        if (channel == null || channel.isEmpty()) {
            return null;
        }
        if (channel.startsWith("U") || channel.startsWith("W")) {
            return "D" + channel.substring(1);
        }
        if (channel.startsWith("D") || conversations.containsKey(channel)) {
            return channel;
        }
        return null;
    }

    /** "1700000000.000001", "1700000000.000002", …: strictly increasing for the life of the server. */
    private String nextTs() {
        long n = tsCounter.incrementAndGet();
        return String.format("%d.%06d", TS_BASE_SECONDS + n / 1_000_000, n % 1_000_000);
    }

    private static boolean isTrue(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }

    private static void putJson(ObjectNode target, String field, String json) {
        if (json == null || json.isEmpty()) {
            return;
        }
        try {
            target.set(field, JSON.readTree(json));
        } catch (IOException e) {
            target.put(field, json);
        }
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode error(String error) {
        return JSON.createObjectNode().put("ok", false).put("error", error);
    }

    private static Map<String, String> parse(String contentType, byte[] raw) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        String body = new String(raw, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            JsonNode tree = JSON.readTree(body.isBlank() ? "{}" : body);
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    params.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
                }
            }
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body, Integer retryAfterSeconds) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (retryAfterSeconds != null) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (a timeout shorter than a delay): the call is recorded all the same
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
