package io.vigil.common.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The "nothing but a JDK" database: a real PostgreSQL 17 whose binaries ship in a jar (zonky).
 * Started only when no external datasource URL is configured, because the Quarkus extension for
 * it cannot be switched off. Data lives in {@code <oncall.data-dir>/postgres} and survives restarts;
 * the server listens on loopback only, on {@code oncall.embedded-db.port} (0 = any free port).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    private static final String[] EXTERNAL_URL_KEYS = {"quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url"};

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @return the started database, or {@code null} when an external one is configured (then
     *         {@code close()} on a null resource is skipped by try-with-resources)
     */
    public static EmbeddedDatabase startUnlessExternalConfigured(Map<String, String> env, Properties system)
            throws IOException {
        for (String key : EXTERNAL_URL_KEYS) {
            if (setting(key, env, system) != null) {
                LOG.info("external PostgreSQL configured (" + key + "); the embedded database is not started");
                return null;
            }
        }
        Path dataDir = Path.of(settingOr("oncall.data-dir", "./data", env, system)).toAbsolutePath().normalize();
        int port = Integer.parseInt(settingOr("oncall.embedded-db.port", "0", env, system));
        EmbeddedDatabase db = start(dataDir, port, true);
        int actualPort = db.port();
        // Quarkus reads these after main() returns control to it.
        system.setProperty("quarkus.datasource.reactive.url", "postgresql://localhost:" + actualPort + "/postgres");
        system.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + actualPort + "/postgres");
        system.setProperty("quarkus.datasource.username", "postgres");
        system.setProperty("quarkus.datasource.password", "postgres");
        LOG.info("embedded PostgreSQL listening on localhost:" + actualPort + ", data in " + dataDir.resolve("postgres"));
        return db;
    }

    /**
     * Starts (initialising on first use) a server whose data lives in {@code dataDir/postgres}.
     *
     * @param durable {@code true} in production: a commit is on disk before it is acknowledged
     *                (zonky's defaults, {@code fsync=off} and {@code synchronous_commit=off}, can
     *                lose acknowledged pages or corrupt the cluster on a power loss); tests of a
     *                throw-away database pass {@code false} for speed
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off");
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static String settingOr(String key, String fallback, Map<String, String> env, Properties system) {
        String value = setting(key, env, system);
        return value == null ? fallback : value;
    }

    /** A MicroProfile-style lookup: system property, then the environment variable of the same name. */
    static String setting(String key, Map<String, String> env, Properties system) {
        String value = system.getProperty(key);
        if (value == null || value.isBlank()) {
            value = env.get(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
