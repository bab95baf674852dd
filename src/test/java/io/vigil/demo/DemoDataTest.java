package io.vigil.demo;

import static io.vigil.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo quarter loads once, covers every category, region and severity, and makes the KPIs
 * living: times, load, post-mortems. It is loaded far ahead of now, where no other test looks.
 */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    TestClock clock;

    @Test
    void aQuarterLoadsOnceAndGivesEveryKpiSomethingToShow() {
        Instant end = clock.instant().plus(Duration.ofDays(20_000));
        assertThat(demo.load(end).await().atMost(Duration.ofMinutes(2))).isEqualTo(DemoData.INCIDENTS);
        assertThat(demo.load(end).await().atMost(Duration.ofMinutes(2))).isZero();

        JsonPath kpis = asAdmin().queryParam("from", end.minus(Duration.ofDays(92)).toString())
                .queryParam("to", end.toString()).get("/api/v1/reports/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(kpis.getInt("incidents")).isEqualTo(DemoData.INCIDENTS);
        assertThat(kpis.getMap("bySeverity")).containsOnlyKeys("SEV1", "SEV2", "SEV3", "SEV4");
        assertThat(kpis.getMap("byCategory")).containsOnlyKeys((Object[]) DemoQuarter.CATEGORIES);
        assertThat(kpis.getMap("byRegion")).containsOnlyKeys("APAC", "EMEA", "AMER");
        assertThat(kpis.getInt("mtta.count")).isGreaterThan(50);
        assertThat(kpis.getInt("mttr.count")).isGreaterThan(50);
        assertThat(kpis.getInt("escalations")).isPositive();
        assertThat(kpis.getInt("ackSlaBreaches")).isPositive();
        assertThat(kpis.getList("pagesPerResponder")).hasSizeGreaterThan(5);
        assertThat(kpis.getInt("postmortems.required")).isPositive();
        assertThat(kpis.getInt("postmortems.published")).isPositive();
        assertThat(kpis.getInt("actionItems.done")).isPositive();
        List<String> statuses = List.copyOf(kpis.getMap("byStatus").keySet().stream().map(Object::toString).toList());
        assertThat(statuses).contains("CLOSED", "RESOLVED");
    }

    @Test
    void theSameSeedGivesTheSameQuarter() {
        Instant end = Instant.parse("2026-11-22T00:00:00Z");
        assertThat(DemoQuarter.generate(end, 7, 50)).isEqualTo(DemoQuarter.generate(end, 7, 50));
        assertThat(DemoQuarter.generate(end, 7, 50)).allSatisfy(i -> {
            assertThat(i.declaredAt()).isBefore(end).isAfter(end.minus(Duration.ofDays(92)));
            if (i.resolvedAt() != null) {
                assertThat(i.resolvedAt()).isAfter(i.mitigatedAt()).isBefore(end);
            }
            if (i.acknowledgedAt() != null) {
                assertThat(i.acknowledgedAt()).isBefore(end);
            }
        });
    }
}
