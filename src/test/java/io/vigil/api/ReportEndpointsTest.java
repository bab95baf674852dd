package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problemJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /reports/summary} over a range of its own (the clock jumps far ahead, so nothing else in
 * the shared database falls into it): times, counts, post-mortem health, and restricted incidents.
 */
@QuarkusTest
class ReportEndpointsTest {

    @Inject
    TestClock clock;

    @AfterEach
    void restore() {
        clock.reset();
    }

    @Test
    void aMonthOfTwoIncidentsAsLeadershipAndAsAnAdminSeesThem() {
        clock.advance(Duration.ofDays(5000));
        Instant start = clock.instant();
        TestUser commander = Api.user("COMMANDER");
        String open = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV2");
        clock.advance(Duration.ofMinutes(2));
        String pageId = asAdmin().queryParam("incidentId", open).get("/api/v1/pages").then().statusCode(200)
                .extract().path("items[0].id");
        commander.request().post("/api/v1/pages/" + pageId + "/ack").then().statusCode(200);
        clock.advance(Duration.ofMinutes(8));
        Api.changeStatus(commander.request(), open, "INVESTIGATING").then().statusCode(200);
        Api.changeStatus(commander.request(), open, "MITIGATED").then().statusCode(200);
        clock.advance(Duration.ofMinutes(20));
        Api.changeStatus(commander.request(), open, "RESOLVED").then().statusCode(200);
        Api.declare(commander.request(), "CHILD_SAFETY", "SEV4"); // restricted by its category
        String from = start.minusSeconds(60).toString();
        String to = start.plus(Duration.ofHours(1)).toString();

        TestUser leader = Api.user("LEADERSHIP");
        JsonPath kpis = summary(leader.request(), from, to, Map.of());
        assertThat(kpis.getInt("incidents")).isEqualTo(2);
        assertThat(kpis.getMap("bySeverity")).isEqualTo(Map.of("SEV2", 1, "SEV4", 1));
        assertThat(kpis.getMap("byCategory")).isEqualTo(Map.of("ABUSE_HARASSMENT", 1, "RESTRICTED", 1));
        assertThat(kpis.getMap("byRegion")).isEqualTo(Map.of("EMEA", 1, "RESTRICTED", 1));
        assertThat(kpis.getInt("mtta.count")).isEqualTo(1);
        assertThat(kpis.getInt("mtta.open")).isEqualTo(1);
        assertThat(seconds(kpis.getString("mtta.mean"))).isBetween(120L, 130L);
        assertThat(seconds(kpis.getString("mttm.p50"))).isBetween(600L, 615L);
        assertThat(seconds(kpis.getString("mttr.p90"))).isBetween(1800L, 1820L);
        assertThat(kpis.getInt("ackSlaBreaches")).isZero(); // acknowledged within SEV2's 15 minutes
        assertThat(kpis.getInt("postmortems.required")).isEqualTo(1);
        assertThat(kpis.getInt("postmortems.published")).isZero();

        assertThat(summary(asAdmin(), from, to, Map.of()).getMap("byCategory"))
                .isEqualTo(Map.of("ABUSE_HARASSMENT", 1, "CHILD_SAFETY", 1));
        // filtering by what a hidden incident is would reveal it: it is left out for those who cannot see it
        assertThat(summary(leader.request(), from, to, Map.of("category", "CHILD_SAFETY")).getInt("incidents")).isZero();
        assertThat(summary(asAdmin(), from, to, Map.of("category", "CHILD_SAFETY")).getInt("incidents")).isEqualTo(1);
        assertThat(summary(leader.request(), from, to, Map.of("region", "AMER")).getInt("incidents")).isZero();
    }

    @Test
    void anEmptyRangeAndBadInput() {
        Instant far = clock.instant().plus(Duration.ofDays(9000));
        JsonPath empty = summary(asAdmin(), far.toString(), far.plusSeconds(3600).toString(), Map.of());
        assertThat(empty.getInt("incidents")).isZero();
        assertThat(empty.getString("mttr.mean")).isNull();
        asAdmin().get("/api/v1/reports/summary").then().statusCode(200).body("from", org.hamcrest.Matchers.notNullValue());

        problemJson(asAdmin().queryParam("from", far.toString()).queryParam("to", far.minusSeconds(1).toString())
                .get("/api/v1/reports/summary"), 400).body("errors[0].field", equalTo("from"));
        problemJson(asAdmin().queryParam("from", "last tuesday").get("/api/v1/reports/summary"), 400);
        problemJson(asAdmin().queryParam("region", "MARS").get("/api/v1/reports/summary"), 400);
        problemJson(asAdmin().queryParam("from", far.minus(Duration.ofDays(500)).toString())
                .queryParam("to", far.toString()).get("/api/v1/reports/summary"), 400);
        problemJson(io.restassured.RestAssured.given().get("/api/v1/reports/summary"), 401);
    }

    private static JsonPath summary(RequestSpecification as, String from, String to, Map<String, String> filters) {
        return as.queryParam("from", from).queryParam("to", to).queryParams(filters)
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
    }

    private static long seconds(String iso) {
        return Duration.parse(iso).toSeconds();
    }
}
