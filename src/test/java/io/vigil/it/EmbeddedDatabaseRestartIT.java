package io.vigil.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.vigil.support.AppProcess;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with nothing configured, as a stranger runs it: it starts the embedded
 * PostgreSQL 17 in {@code oncall.data-dir}, prints a bootstrap token once, and after a stop and a
 * start everything is still there — the incident, and the token (not printed again).
 */
class EmbeddedDatabaseRestartIT {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("(vgl_[A-Za-z0-9_-]{43})");

    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL listening on localhost:(\\d+)");

    /** An acknowledged page must survive a power cut: the embedded server runs with fsync and synchronous commit. */
    private static void assertDurable(String output) throws Exception {
        Matcher port = EMBEDDED_PORT.matcher(output);
        assertThat(port.find()).as("the embedded database logs its port").isTrue();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + port.group(1) + "/postgres",
                "postgres", "postgres"); Statement sql = db.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = sql.executeQuery("show " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void dataAndTheBootstrapTokenSurviveARestart(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = Map.of("ONCALL_DATA_DIR", dataDir.toString());
        String token;
        String incidentId;
        String reference;
        try (AppProcess first = AppProcess.start(env)) {
            Matcher printed = PRINTED_TOKEN.matcher(first.output());
            assertThat(printed.find()).as("a generated bootstrap token is printed on first start").isTrue();
            token = printed.group(1);
            assertThat(first.output().lines().filter(line -> line.startsWith("{\"timestamp\"")))
                    .as("production logs are structured JSON lines").isNotEmpty();
            assertDurable(first.output());

            var declared = given().baseUri(first.baseUrl()).header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("title", "Hacked verified account posting scam links", "category", "HIGH_PROFILE_ACCOUNT",
                            "severity", "SEV2", "region", "EMEA"))
                    .post("/api/v1/incidents").then().statusCode(201).extract();
            incidentId = declared.path("id");
            reference = declared.path("reference");
            assertThat(first.stop()).isIn(0, 130, 143);
        }

        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("17");

        try (AppProcess second = AppProcess.start(env)) {
            assertThat(PRINTED_TOKEN.matcher(second.output()).find()).as("the token is printed only once").isFalse();
            given().baseUri(second.baseUrl()).header("Authorization", "Bearer " + token)
                    .get("/api/v1/incidents/" + incidentId)
                    .then().statusCode(200).body("reference", equalTo(reference))
                    .body("title", equalTo("Hacked verified account posting scam links"));
            given().baseUri(second.baseUrl()).header("Authorization", "Bearer " + token)
                    .get("/api/v1/incidents/" + incidentId + "/timeline")
                    .then().statusCode(200).body("items[0].type", equalTo("DECLARED"));
        }
    }
}
