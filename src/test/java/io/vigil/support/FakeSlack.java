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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake Slack Web API on 127.0.0.1 for tests. It records every call, keeps the state the methods Vigil
 * uses need (conversations, members, messages with their metadata), answers as Slack does — including
 * {@code ok:false} errors — and can be told to rate-limit (429 + Retry-After), fail (5xx), answer late
 * (after doing the work, or without doing it), or answer an error for one method.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-vigil-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeSlack shared;

    /** One request as received, with what the fake answered. */
    public record Call(long seq, String method, Map<String, String> params, String token, Instant at, int httpStatus,
                       boolean ok, String error) {

        public String param(String name) {
            return params.get(name);
        }

        /** The parameter parsed as JSON (blocks, metadata), or null when absent. */
        public JsonNode json(String name) {
            String value = params.get(name);
            if (value == null) {
                return null;
            }
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every parameter name and value, for "does X leak" assertions. */
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

    private record Status(int status, Integer retryAfter) implements Fault {
    }

    private record Delay(Duration delay, boolean process) implements Fault {
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, String> methodErrors = new HashMap<>();
    private Instant failUntil = Instant.MIN;
    private int failUntilStatus;
    private final Map<String, ObjectNode> conversations = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, List<ObjectNode>> messages = new HashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong tsCounter = new AtomicLong();

    private FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "fake-slack");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/api/", this::handle);
        server.start();
    }

    public static FakeSlack start() {
        return new FakeSlack();
    }

    public static synchronized FakeSlack shared() {
        if (shared == null) {
            shared = new FakeSlack();
        }
        return shared;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ what happened

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> succeeded(String method) {
        return calls(method).stream().filter(Call::succeeded).toList();
    }

    /** Waits until {@code condition} holds over the calls, polling every 20 ms. */
    public void await(Duration within, Predicate<List<Call>> condition) {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.test(calls())) {
            if (System.nanoTime() > until) {
                throw new AssertionError("fake Slack never saw what was expected; calls: "
                        + calls().stream().map(c -> c.method() + "(" + c.httpStatus() + (c.error() == null ? ""
                        : " " + c.error()) + ")").toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    public synchronized List<JsonNode> messages(String conversationId) {
        return List.copyOf(messages.getOrDefault(conversationId, List.of()));
    }

    public synchronized Optional<String> channelIdByName(String name) {
        return conversations.values().stream().filter(c -> name.equals(c.path("name").asText()))
                .map(c -> c.path("id").asText()).findFirst();
    }

    public synchronized boolean isPrivate(String channelId) {
        ObjectNode channel = conversations.get(channelId);
        return channel != null && channel.path("is_private").asBoolean();
    }

    public synchronized Set<String> members(String channelId) {
        return Set.copyOf(members.getOrDefault(channelId, Set.of()));
    }

    public synchronized void reset() {
        calls.clear();
        faults.clear();
        methodErrors.clear();
        failUntil = Instant.MIN;
        conversations.clear();
        members.clear();
        messages.clear();
    }

    // ------------------------------------------------------------------ faults (FIFO, one per request)

    public synchronized void rateLimitNext(int count, int retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            faults.add(new Status(429, retryAfterSeconds));
        }
    }

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

    /** Answers late; with {@code process} the request takes effect first (Slack did it, the answer is late). */
    public synchronized void delayNext(int count, Duration delay, boolean process) {
        for (int i = 0; i < count; i++) {
            faults.add(new Delay(delay, process));
        }
    }

    public synchronized void errorNext(String method, String error) {
        methodErrors.put(method, error);
    }

    // ------------------------------------------------------------------ serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, String> params = parse(exchange.getRequestHeaders().getFirst("Content-Type"), raw);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
            Instant at = Instant.now();
            Fault fault;
            String forcedError;
            synchronized (this) {
                fault = faults.poll();
                if (fault == null && at.isBefore(failUntil)) {
                    fault = new Status(failUntilStatus, null);
                }
                forcedError = fault == null ? methodErrors.remove(method) : null;
            }
            if (fault instanceof Status status) {
                record(method, params, token, at, status.status(), false,
                        status.status() == 429 ? "ratelimited" : null);
                if (status.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(status.retryAfter()));
                }
                String body = status.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "upstream error";
                send(exchange, status.status(), body);
                return;
            }
            ObjectNode answer;
            if (fault instanceof Delay delay && !delay.process()) {
                sleep(delay.delay());
                answer = error("request_timeout");
            } else if (forcedError != null) {
                answer = error(forcedError);
            } else if (!BOT_TOKEN.equals(token)) {
                answer = error("invalid_auth");
            } else {
                synchronized (this) {
                    answer = apply(method, params);
                }
            }
            if (fault instanceof Delay delay && delay.process()) {
                sleep(delay.delay());
            }
            record(method, params, token, at, 200, answer.path("ok").asBoolean(), answer.path("error").asText(null));
            send(exchange, 200, answer.toString());
        }
    }

    private synchronized void record(String method, Map<String, String> params, String token, Instant at, int status,
                                     boolean ok, String error) {
        calls.add(new Call(seq.incrementAndGet(), method, Map.copyOf(params), token, at, status, ok, error));
    }

    private ObjectNode apply(String method, Map<String, String> p) {
        return switch (method) {
            case "auth.test" -> ok().put("user_id", "UBOT").put("team_id", "T0VIGIL").put("bot_id", "B0VIGIL");
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
        for (ObjectNode message : messages.getOrDefault(channel, List.of())) {
            if (message.path("ts").asText().equals(ts)) {
                message.put("text", p.getOrDefault("text", ""));
                putJson(message, "blocks", p.get("blocks"));
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
            id = "C" + Long.toString(Math.abs(System.nanoTime() * 31 + seq.get()), 36).toUpperCase();
            id = (id + "0000000000").substring(0, 11);
        } while (conversations.containsKey(id));
        ObjectNode channel = JSON.createObjectNode().put("id", id).put("name", name).put("is_channel", true)
                .put("is_private", "true".equals(p.get("is_private")) || "1".equals(p.get("is_private")))
                .put("created", Instant.now().getEpochSecond());
        conversations.put(id, channel);
        members.computeIfAbsent(id, k -> new LinkedHashSet<>()).add("UBOT");
        ObjectNode answer = ok();
        answer.set("channel", channel.deepCopy());
        return answer;
    }

    private ObjectNode invite(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || !conversations.containsKey(channel)) {
            return error("channel_not_found");
        }
        Set<String> present = members.computeIfAbsent(channel, k -> new LinkedHashSet<>());
        List<String> users = List.of(p.getOrDefault("users", "").split(","));
        if (present.containsAll(users)) {
            return error("already_in_channel");
        }
        present.addAll(users);
        ObjectNode answer = ok();
        answer.putObject("channel").put("id", channel).put("name", conversations.get(channel).path("name").asText());
        return answer;
    }

    private ObjectNode open(Map<String, String> p) {
        String users = p.getOrDefault("users", "");
        if (users.isBlank() || users.contains(",")) {
            return error("not_enough_users");
        }
        ObjectNode answer = ok();
        answer.putObject("channel").put("id", conversationOf(users));
        return answer;
    }

    private ObjectNode history(Map<String, String> p) {
        String channel = conversationOf(p.get("channel"));
        if (channel == null) {
            return error("channel_not_found");
        }
        BigDecimal oldest = new BigDecimal(p.getOrDefault("oldest", "0"));
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        boolean metadata = "true".equals(p.get("include_all_metadata")) || "1".equals(p.get("include_all_metadata"));
        ObjectNode answer = ok().put("has_more", false);
        ArrayNode list = answer.putArray("messages");
        List<ObjectNode> all = new ArrayList<>(messages.getOrDefault(channel, List.of()));
        for (int i = all.size() - 1; i >= 0 && list.size() < limit; i--) {
            ObjectNode message = all.get(i);
            if (new BigDecimal(message.path("ts").asText()).compareTo(oldest) > 0) {
                ObjectNode shown = list.addObject().put("type", "message").put("ts", message.path("ts").asText())
                        .put("text", message.path("text").asText());
                if (metadata && message.has("metadata")) {
                    shown.set("metadata", message.get("metadata").deepCopy());
                }
            }
        }
        return answer;
    }

    /** The conversation a channel parameter names: a user id means the bot's DM with them. */
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

    private String nextTs() {
        long n = tsCounter.incrementAndGet();
        return String.format("%d.%06d", 1_700_000_000L + n / 1_000_000, n % 1_000_000);
    }

    private static void putJson(ObjectNode target, String field, String json) {
        if (json == null) {
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
        if (contentType != null && contentType.startsWith("application/json")) {
            JsonNode tree = JSON.readTree(body.isEmpty() ? "{}" : body);
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                params.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                        : field.getValue().toString());
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

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
