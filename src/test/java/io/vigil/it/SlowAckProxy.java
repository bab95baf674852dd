package io.vigil.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver that takes its time to answer: it passes each delivery on to the real receiver
 * at once (body and {@code X-Vigil-*} headers unchanged, so signatures still check), then holds the
 * answer for {@code hold} before returning the receiver's status. An instance killed during that hold
 * has sent an event that arrived but never learned so — the case the outbox lease exists for: its
 * lease expires and another instance sends the same event id again.
 */
public final class SlowAckProxy implements AutoCloseable {

    private static final List<String> FORWARDED = List.of("Content-Type", "User-Agent", "X-Vigil-Event",
            "X-Vigil-Event-Id", "X-Vigil-Timestamp", "X-Vigil-Signature");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "slow-ack-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Duration hold;

    public SlowAckProxy(String target, Duration hold) throws IOException {
        this.hold = hold;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                    if (FORWARDED.stream().anyMatch(h -> h.equalsIgnoreCase(header.getKey()))) {
                        header.getValue().forEach(v -> forward.header(header.getKey(), v));
                    }
                }
                int status;
                try {
                    status = client.send(forward.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = 502;
                }
                Thread.sleep(this.hold.toMillis());
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException sendFailed) {
                // the sender went away (killed) while we held the answer: exactly the case of interest
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void hold(Duration value) {
        this.hold = value;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
