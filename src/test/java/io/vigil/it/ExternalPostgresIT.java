package io.vigil.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.vigil.support.AppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code QUARKUS_DATASOURCE_*} pointing at an external PostgreSQL (Debian's postgresql-15,
 * started here in a temporary directory), the service uses it and starts no embedded server.
 * Skipped where the binaries are missing, unless {@code VIGIL_REQUIRE_EXTERNAL_PG=true} (CI),
 * where their absence fails the build.
 */
class ExternalPostgresIT {

    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    @Test
    void usesTheConfiguredDatabaseAndStartsNoEmbeddedOne(@TempDir Path work) throws Exception {
        if (!Files.isExecutable(PG_BIN.resolve("initdb"))) {
            if ("true".equals(System.getenv("VIGIL_REQUIRE_EXTERNAL_PG"))) {
                fail("PostgreSQL 15 binaries are missing at " + PG_BIN + " (apt-get install postgresql-15)");
            }
            Assumptions.abort("PostgreSQL 15 is not installed at " + PG_BIN);
        }
        Path pgData = work.resolve("pg15");
        Path vigilData = work.resolve("vigil-data");
        int pgPort = AppProcess.freePort();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // PostgreSQL refuses to run as root: hand the directory to the postgres user.
            run(List.of("chmod", "755", work.toString()), false);
            Files.createDirectories(pgData);
            run(List.of("chown", "postgres:postgres", pgData.toString()), false);
        }
        run(List.of(PG_BIN.resolve("initdb").toString(), "-D", pgData.toString(), "-U", "postgres", "--auth=trust",
                "--no-sync"), root);
        run(List.of(PG_BIN.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-w", "-t", "60", "-l",
                pgData.resolve("server.log").toString(), "-o",
                "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + pgData, "start"), root);
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        try {
            String bootstrap = "external-" + UUID.randomUUID();
            Map<String, String> env = Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + pgPort + "/postgres",
                    "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "unused-with-trust-auth",
                    "ONCALL_DATA_DIR", vigilData.toString(),
                    "ONCALL_AUTH_BOOTSTRAP_TOKEN", bootstrap);
            String id;
            try (AppProcess app = AppProcess.start(env)) {
                id = given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + bootstrap)
                        .contentType(ContentType.JSON)
                        .body(Map.of("title", "Coordinated misinformation wave", "category", "MISINFORMATION",
                                "severity", "SEV1", "region", "AMER"))
                        .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
                assertThat(app.output()).contains("external PostgreSQL configured")
                        .doesNotContain("embedded PostgreSQL listening");
            }
            assertThat(vigilData.resolve("postgres")).as("no embedded data directory was created").doesNotExist();
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 PreparedStatement query = db.prepareStatement(
                         "select version(), (select count(*) from incident where id = ?)")) {
                query.setObject(1, UUID.fromString(id));
                try (ResultSet rs = query.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).startsWith("PostgreSQL 15");
                    assertThat(rs.getLong(2)).isEqualTo(1);
                }
            }
        } finally {
            run(List.of(PG_BIN.resolve("pg_ctl").toString(), "-D", pgData.toString(), "-m", "fast", "-w", "stop"), root);
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
