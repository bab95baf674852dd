package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.report.Kpis.ActionItemFact;
import io.vigil.report.Kpis.IncidentFact;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The KPI arithmetic on fixtures worked out by hand (the numbers in the comments). */
class KpisTest {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-01");
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);
    private static final UUID ANA = new UUID(0, 1);
    private static final UUID BO = new UUID(0, 2);

    private static IncidentFact incident(String severity, String category, String region, String status, boolean hidden,
                                         Integer ackMin, Integer mitigateMin, Integer resolveMin, Duration ackTimeout,
                                         int escalations, boolean pmRequired, String pmStatus, boolean pmOverdue) {
        return new IncidentFact(UUID.randomUUID(), severity, category, region, status, hidden, T0, at(ackMin),
                at(mitigateMin), at(resolveMin), ackTimeout, escalations, pmRequired, pmStatus, pmOverdue);
    }

    private static Instant at(Integer minutes) {
        return minutes == null ? null : T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void anEmptyRangeIsAllZerosAndNoTimes() {
        Kpis.Summary s = Kpis.summarize(List.of(), List.of(), List.of(), NOW, TODAY);
        assertThat(s.incidents()).isZero();
        assertThat(s.mtta()).isEqualTo(new Kpis.Measure(0, 0, null, null, null));
        assertThat(s.mttr()).isEqualTo(new Kpis.Measure(0, 0, null, null, null));
        assertThat(s.bySeverity()).isEmpty();
        assertThat(s.ackSlaBreaches()).isZero();
        assertThat(s.postmortems()).isEqualTo(new Kpis.PostmortemHealth(0, 0, 0));
        assertThat(s.actionItems()).isEqualTo(new Kpis.ActionItemHealth(0, 0, 0));
    }

    @Test
    void timesCountsAndBreachesOfAMixedMonth() {
        List<IncidentFact> incidents = List.of(
                // acked at 2, mitigated 30, resolved 60; SEV1 5-min SLA met; post-mortem published
                incident("SEV1", "CHILD_SAFETY", "EMEA", "CLOSED", false, 2, 30, 60, FIVE_MIN, 0, true, "PUBLISHED", false),
                // acked at 10 (breach), mitigated 40, resolved 120; one escalation; post-mortem overdue
                incident("SEV1", "MISINFORMATION", "APAC", "RESOLVED", false, 10, 40, 120, FIVE_MIN, 1, true, "DRAFT", true),
                // acked at 4, never mitigated nor resolved
                incident("SEV2", "MISINFORMATION", "EMEA", "INVESTIGATING", false, 4, null, null, Duration.ofMinutes(15),
                        0, true, null, false),
                // never acked, still open at NOW: breach; two escalations
                incident("SEV3", "OTHER", "AMER", "DECLARED", false, null, null, null, Duration.ofMinutes(30), 2, false,
                        null, false),
                // SEV4 does not page: no SLA; resolved at 30
                incident("SEV4", "OTHER", "AMER", "RESOLVED", false, null, null, 30, null, 0, false, null, false));
        Kpis.Summary s = Kpis.summarize(incidents, List.of(ANA, BO, ANA, ANA),
                List.of(new ActionItemFact("OPEN", TODAY.minusDays(1)), new ActionItemFact("IN_PROGRESS", TODAY),
                        new ActionItemFact("DONE", TODAY.minusDays(9)), new ActionItemFact("OPEN", null)),
                NOW, TODAY);

        assertThat(s.incidents()).isEqualTo(5);
        assertThat(s.bySeverity()).isEqualTo(Map.of("SEV1", 2, "SEV2", 1, "SEV3", 1, "SEV4", 1));
        assertThat(s.byCategory()).isEqualTo(Map.of("CHILD_SAFETY", 1, "MISINFORMATION", 2, "OTHER", 2));
        assertThat(s.byRegion()).isEqualTo(Map.of("EMEA", 2, "APAC", 1, "AMER", 2));
        assertThat(s.byStatus()).containsEntry("RESOLVED", 2).containsEntry("CLOSED", 1);
        // MTTA over 2, 4, 10 min: mean 16/3 min = 5 min 20 s; p50 rank ceil(1.5)=2 → 4; p90 rank ceil(2.7)=3 → 10
        assertThat(s.mtta()).isEqualTo(new Kpis.Measure(3, 2, Duration.ofSeconds(320), Duration.ofMinutes(4),
                Duration.ofMinutes(10)));
        // MTTM over 30, 40: mean 35; p50 rank 1 → 30; p90 rank ceil(1.8)=2 → 40
        assertThat(s.mttm()).isEqualTo(new Kpis.Measure(2, 3, Duration.ofMinutes(35), Duration.ofMinutes(30),
                Duration.ofMinutes(40)));
        // MTTR over 30, 60, 120: mean 70; p50 → 60; p90 → 120
        assertThat(s.mttr()).isEqualTo(new Kpis.Measure(3, 2, Duration.ofMinutes(70), Duration.ofMinutes(60),
                Duration.ofMinutes(120)));
        assertThat(s.ackSlaBreaches()).isEqualTo(2);
        assertThat(s.escalations()).isEqualTo(3);
        assertThat(s.pagesPerResponder()).isEqualTo(Map.of(ANA, 3, BO, 1));
        // three require one: one published, one overdue, one not yet due
        assertThat(s.postmortems()).isEqualTo(new Kpis.PostmortemHealth(3, 1, 1));
        // open: the late one, the one due today (not late), the undated one
        assertThat(s.actionItems()).isEqualTo(new Kpis.ActionItemHealth(3, 1, 1));
    }

    @Test
    void aRestrictedIncidentCountsButHidesItsCategoryAndRegion() {
        Kpis.Summary s = Kpis.summarize(List.of(
                incident("SEV1", "CHILD_SAFETY", "EMEA", "RESOLVED", true, 3, 10, 20, FIVE_MIN, 0, true, null, false),
                incident("SEV2", "OTHER", "AMER", "RESOLVED", false, 1, 5, 9, FIVE_MIN, 0, true, null, false)),
                List.of(), List.of(), NOW, TODAY);
        assertThat(s.incidents()).isEqualTo(2);
        assertThat(s.bySeverity()).isEqualTo(Map.of("SEV1", 1, "SEV2", 1));
        assertThat(s.byCategory()).isEqualTo(Map.of(Kpis.RESTRICTED, 1, "OTHER", 1));
        assertThat(s.byRegion()).isEqualTo(Map.of(Kpis.RESTRICTED, 1, "AMER", 1));
        assertThat(s.mttr().mean()).isEqualTo(Duration.ofSeconds(870)); // (20 + 9) / 2 min = 14.5 min
    }

    @Test
    void anIncidentResolvedWithoutAnAckBreachesOnlyIfItOutlivedTheTimeout() {
        IncidentFact quick = incident("SEV1", "OTHER", "EMEA", "RESOLVED", false, null, null, 4, FIVE_MIN, 0, false,
                null, false);
        IncidentFact slow = incident("SEV1", "OTHER", "EMEA", "RESOLVED", false, null, null, 6, FIVE_MIN, 0, false,
                null, false);
        IncidentFact exactly = incident("SEV1", "OTHER", "EMEA", "RESOLVED", false, 5, null, 6, FIVE_MIN, 0, false,
                null, false);
        assertThat(Kpis.breachedAckSla(quick, NOW)).isFalse();
        assertThat(Kpis.breachedAckSla(slow, NOW)).isTrue();
        assertThat(Kpis.breachedAckSla(exactly, NOW)).isFalse();
    }

    @Test
    void nearestRankPercentiles() {
        List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofSeconds).toList();
        assertThat(Kpis.percentile(ten, 50)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Kpis.percentile(ten, 90)).isEqualTo(Duration.ofSeconds(9));
        assertThat(Kpis.percentile(List.of(Duration.ofSeconds(7)), 90)).isEqualTo(Duration.ofSeconds(7));
    }
}
