package io.vigil.it;

import io.vigil.support.AppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away server of Debian's {@code postgresql-15} package, the kind of PostgreSQL an operator
 * runs outside Vigil: initialised in {@code dataDir}, listening on loopback only, trust
 * authentication, user {@code postgres}. As root (CI containers) it runs as the {@code postgres}
 * user, because PostgreSQL refuses root. {@link #close()} stops it fast; the directory is the caller's.
 */
final class DebianPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private DebianPostgres(Path dataDir, int port, boolean asPostgresUser) {
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Whether the binaries are installed. Where they are not, the calling test is skipped, unless
     * {@code VIGIL_REQUIRE_EXTERNAL_PG=true} (CI), where their absence fails it.
     */
    static void assumeInstalled() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            if ("true".equals(System.getenv("VIGIL_REQUIRE_EXTERNAL_PG"))) {
                throw new IllegalStateException("PostgreSQL 15 binaries are missing at " + BIN
                        + " (apt-get install postgresql-15)");
            }
            Assumptions.abort("PostgreSQL 15 is not installed at " + BIN);
        }
    }

    /** initdb + start on a free loopback port; {@code dataDir} must not exist yet. */
    static DebianPostgres start(Path dataDir) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // The postgres user must reach the directory through its parents, and own it.
            for (Path p = dataDir.getParent(); p != null && !p.equals(p.getRoot()); p = p.getParent()) {
                if (p.toString().startsWith(System.getProperty("java.io.tmpdir"))
                        && !p.toString().equals(System.getProperty("java.io.tmpdir"))) {
                    run(List.of("chmod", "755", p.toString()), false);
                }
            }
            Files.createDirectories(dataDir);
            run(List.of("chown", "postgres:postgres", dataDir.toString()), false);
        }
        int port = AppProcess.freePort();
        DebianPostgres server = new DebianPostgres(dataDir, port, root);
        run(List.of(BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust",
                "--no-sync"), root);
        server.startAgain();
        return server;
    }

    /**
     * Stops the server the way a crashed or fenced primary goes away: {@code pg_ctl stop -m immediate}
     * ends every backend at once, without a checkpoint, so clients see their connections drop.
     */
    void crash() throws IOException, InterruptedException {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                asPostgresUser);
    }

    /** Starts the initialised server on its port (again, after {@link #crash()}: with crash recovery). */
    void startAgain() throws IOException, InterruptedException {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-l",
                dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c max_connections=200 -k " + dataDir, "start"),
                asPostgresUser);
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        try {
            run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    asPostgresUser);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }
}
