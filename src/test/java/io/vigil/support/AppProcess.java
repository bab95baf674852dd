package io.vigil.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a child process, the
 * way the README runs it; used by the integration tests and the benchmark. It inherits no
 * {@code QUARKUS_*} or {@code ONCALL_*} variables, only the ones given; output goes to a log file;
 * {@link #close()} always ends it (SIGTERM, then SIGKILL) and anything it started.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    public final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * For tests: the jar named by {@code vigil.jar} (failsafe sets it), a free port, at most 512 MiB
     * heap; returns once {@code /q/health/ready} answers, or fails after two minutes.
     */
    public static AppProcess start(Map<String, String> env) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("vigil.jar", "target/quarkus-app/quarkus-run.jar"));
        AppProcess app = launch(jar, List.of("-Xmx512m"), env, freePort(), Files.createTempFile("vigil-app", ".log"));
        app.awaitReady(Duration.ofMinutes(2));
        return app;
    }

    /** Starts the jar on {@code port} with {@code env} and returns at once; see {@link #awaitReady}. */
    public static AppProcess launch(Path jar, List<String> jvmArgs, Map<String, String> env, int port, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; package the service first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("ONCALL_"));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(env);
        return new AppProcess(builder.start(), log, port);
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200 (database reachable, migrations done). */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the service was not ready within " + timeout + " (last: " + last + "):\n"
                + tail());
    }

    /** Sends SIGTERM, as an operator or Kubernetes does, and returns at once; see {@link #awaitExit}. */
    public void signalStop() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /**
     * Graceful stop, as an operator's SIGTERM would do; returns the exit code. A graceful stop takes
     * the shutdown delay (5 s) plus whatever sends are under way, so SIGKILL only follows after 60 s.
     */
    public int stop() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** A port free on loopback right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
