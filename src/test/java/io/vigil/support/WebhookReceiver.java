package io.vigil.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vigil.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A webhook receiver on 127.0.0.1 for tests: checks every signature, records every event it
 * accepts, and can be told to fail (answer 503) or to be down altogether (stopped and started
 * again on the same port).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One accepted delivery. */
    public record Received(String eventId, String type, JsonNode body, Instant at, boolean signatureValid) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private HttpServer server;
    private int port;

    public WebhookReceiver(String secret) {
        this.secret = secret;
        start(0);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public String secret() {
        return secret;
    }

    /** Answers every delivery with {@code status} (0: accept again). */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** Stops listening: deliveries get connection refused. */
    public void down() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void up() {
        start(port);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits until {@code filter} matches at least {@code count} events; returns them. */
    public List<Received> await(Predicate<Received> filter, int count, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> matching = received(filter);
            if (matching.size() >= count) {
                return matching;
            }
            sleep(20);
        }
        throw new AssertionError("expected " + count + " matching events within " + atMost + ", got "
                + received(filter).size() + ": " + summary());
    }

    public String summary() {
        List<String> lines = new ArrayList<>();
        for (Received r : received) {
            lines.add(r.type() + " " + r.body().path("notification").path("user").path("handle").asText("")
                    + " L" + r.body().path("notification").path("level").asText(""));
        }
        return lines.toString();
    }

    private void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + onPort, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = failWith;
            if (status == 0) {
                String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER_TIMESTAMP);
                String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER_SIGNATURE);
                boolean valid = timestamp != null && signature != null
                        && WebhookSignature.sign(secret, Long.parseLong(timestamp), body).equals(signature);
                JsonNode json = JSON.readTree(body);
                received.add(new Received(json.path("id").asText(), json.path("type").asText(), json, Instant.now(),
                        valid));
                status = valid ? 204 : 401;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
