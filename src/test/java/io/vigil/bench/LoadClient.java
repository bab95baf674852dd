package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP load generator of the API phases. It runs on the same machine as the service, so its
 * own CPU cost lowers the API's throughput; two are offered to show how much:
 * {@code jdk} (java.net.http, the default) and {@code vertx} (the Vert.x core client, leaner).
 */
interface LoadClient extends AutoCloseable {

    /** What the benchmark needs from an answer. */
    record Answer(String request, int status, String location, String body) {
    }

    /** POSTs a JSON body with a bearer token to a path of the service. */
    CompletionStage<Answer> post(String path, String token, String json);

    String describe();

    @Override
    void close();

    static LoadClient create(String kind, String host, int port, int connections) {
        return switch (kind) {
            case "jdk" -> new Jdk(host, port);
            case "vertx" -> new VertxCore(host, port, connections);
            default -> throw new IllegalArgumentException("bench.httpClient must be jdk or vertx, not " + kind);
        };
    }

    /** java.net.http.HttpClient, HTTP/1.1 with keep-alive: one connection per request in flight. */
    final class Jdk implements LoadClient {

        private final String base;
        private final ExecutorService executor;
        private final HttpClient http;

        Jdk(String host, int port) {
            this.base = "http://" + host + ":" + port;
            this.executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "bench-http");
                t.setDaemon(true);
                return t;
            });
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        }

        @Override
        public CompletionStage<Answer> post(String path, String token, String json) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(
                    "POST " + path, r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body()));
        }

        @Override
        public String describe() {
            return "java.net.http.HttpClient (JDK), HTTP/1.1 keep-alive, one connection per request in flight";
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /** The Vert.x core HTTP client on its own event loops, HTTP/1.1 keep-alive, a pooled connection per request in flight. */
    final class VertxCore implements LoadClient {

        private final Vertx vertx;
        private final io.vertx.core.http.HttpClient http;

        VertxCore(String host, int port, int connections) {
            this.vertx = Vertx.vertx();
            this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                    .setKeepAlive(true).setConnectTimeout(5000), new PoolOptions().setHttp1MaxSize(connections));
        }

        @Override
        public CompletionStage<Answer> post(String path, String token, String json) {
            return http.request(HttpMethod.POST, path)
                    .compose(req -> {
                        req.setTimeout(30_000);
                        req.putHeader("Authorization", "Bearer " + token);
                        req.putHeader("Content-Type", "application/json");
                        return req.send(json);
                    })
                    .compose(resp -> resp.body().map(body -> new Answer("POST " + path, resp.statusCode(),
                            resp.getHeader("Location"), body.toString())))
                    .toCompletionStage();
        }

        @Override
        public String describe() {
            return "Vert.x core HttpClient, HTTP/1.1 keep-alive, one pooled connection per request in flight";
        }

        @Override
        public void close() {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM exits right after
            }
        }
    }
}
