package io.vigil.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.vigil.support.AppProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code QUARKUS_DATASOURCE_*} pointing at an external PostgreSQL (Debian's postgresql-15,
 * started here in a temporary directory), the service uses it and starts no embedded server.
 * Skipped where the binaries are missing, unless {@code VIGIL_REQUIRE_EXTERNAL_PG=true} (CI),
 * where their absence fails the build.
 */
class ExternalPostgresIT {

    @Test
    void usesTheConfiguredDatabaseAndStartsNoEmbeddedOne(@TempDir Path work) throws Exception {
        DebianPostgres.assumeInstalled();
        Path vigilData = work.resolve("vigil-data");
        try (DebianPostgres postgres = DebianPostgres.start(work.resolve("pg15"))) {
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
            String bootstrap = "external-" + UUID.randomUUID();
            Map<String, String> env = Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgres.port() + "/postgres",
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
        }
    }
}
