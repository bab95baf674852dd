package io.vigil.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vigil.common.persistence.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * One real embedded PostgreSQL 17 for the whole test JVM, in a fresh temporary directory, so
 * every {@code @QuarkusTest} runs against the same database engine as production.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;

    @Override
    public synchronized Map<String, String> start() {
        if (database == null) {
            try {
                database = EmbeddedDatabase.start(Files.createTempDirectory("vigil-test-pg"), 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedDatabase started = database;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary directory goes with the machine
                }
            }));
        }
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + database.port() + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** Kept running across Quarkus restarts between test classes; stopped when the JVM exits. */
    @Override
    public void stop() {
    }

    public static int port() {
        return database.port();
    }
}
