package io.vigil.oncall;

import static io.vigil.oncall.Region.AMER;
import static io.vigil.oncall.Region.APAC;
import static io.vigil.oncall.Region.EMEA;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default follow-the-sun windows of spec §2, on fixed instants. */
class FollowTheSunTest {

    static final FollowTheSun DEFAULTS = new FollowTheSun(List.of(
            new CoverageWindow(APAC, ZoneId.of("Asia/Singapore"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
            new CoverageWindow(EMEA, ZoneId.of("Europe/Dublin"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
            new CoverageWindow(AMER, ZoneId.of("America/Los_Angeles"), LocalTime.of(8, 0), LocalTime.of(16, 0))));

    @ParameterizedTest(name = "{0} -> {1} gap={2}")
    @CsvSource({
            // northern summer (Dublin IST, Los Angeles PDT)
            "2026-07-15T00:00:00Z, APAC, false",
            "2026-07-15T06:59:59Z, APAC, false",
            "2026-07-15T07:00:00Z, EMEA, false",  // overlap 07-08: EMEA's window started last
            "2026-07-15T07:30:00Z, EMEA, false",
            "2026-07-15T08:00:00Z, EMEA, false",
            "2026-07-15T14:59:59Z, EMEA, false",
            "2026-07-15T15:00:00Z, AMER, false",
            "2026-07-15T22:59:59Z, AMER, false",
            "2026-07-15T23:00:00Z, AMER, true",   // the real gap 23-24: AMER keeps the pager
            "2026-07-15T23:59:59Z, AMER, true",
            "2026-07-16T00:00:00Z, APAC, false",
            // northern winter (GMT, PST): back to back, no gap, no overlap
            "2026-01-15T00:00:00Z, APAC, false",
            "2026-01-15T07:59:59Z, APAC, false",
            "2026-01-15T08:00:00Z, EMEA, false",
            "2026-01-15T15:59:59Z, EMEA, false",
            "2026-01-15T16:00:00Z, AMER, false",
            "2026-01-15T23:59:59Z, AMER, false",
            // between the two DST changes (LA on PDT since 8 March, Dublin on GMT until 29 March)
            "2026-03-15T15:30:00Z, AMER, false",
            "2026-03-15T23:30:00Z, AMER, true",
    })
    void activeRegion(String at, Region region, boolean gap) {
        FollowTheSun.ActiveRegion active = DEFAULTS.activeAt(Instant.parse(at));
        assertThat(active.region()).isEqualTo(region);
        assertThat(active.gap()).isEqualTo(gap);
    }

    @Test
    void inAGapTheActiveWindowIsTheOneThatEndedMostRecently() {
        FollowTheSun.ActiveRegion active = DEFAULTS.activeAt(Instant.parse("2026-07-15T23:30:00Z"));
        assertThat(active.window()).isEqualTo(new Interval(Instant.parse("2026-07-15T15:00:00Z"),
                Instant.parse("2026-07-15T23:00:00Z")));
    }

    @Test
    void julyHasOneGapAndOneOverlapADay() {
        FollowTheSun.Coverage day = DEFAULTS.coverage(new Interval(Instant.parse("2026-07-15T00:00:00Z"),
                Instant.parse("2026-07-16T00:00:00Z")));
        assertThat(day.gaps()).containsExactly(new Interval(Instant.parse("2026-07-15T23:00:00Z"),
                Instant.parse("2026-07-16T00:00:00Z")));
        assertThat(day.overlaps()).containsExactly(new FollowTheSun.Overlap(new Interval(
                Instant.parse("2026-07-15T07:00:00Z"), Instant.parse("2026-07-15T08:00:00Z")), Set.of(APAC, EMEA)));
    }

    @Test
    void januaryIsCoveredBackToBack() {
        FollowTheSun.Coverage week = DEFAULTS.coverage(new Interval(Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-17T00:00:00Z")));
        assertThat(week.gaps()).isEmpty();
        assertThat(week.overlaps()).isEmpty();
    }

    @Test
    void inMarchBetweenTheTwoDstChangesEmeaAndAmerOverlap() {
        FollowTheSun.Coverage day = DEFAULTS.coverage(new Interval(Instant.parse("2026-03-15T00:00:00Z"),
                Instant.parse("2026-03-16T00:00:00Z")));
        assertThat(day.overlaps()).containsExactly(new FollowTheSun.Overlap(new Interval(
                Instant.parse("2026-03-15T15:00:00Z"), Instant.parse("2026-03-15T16:00:00Z")), Set.of(EMEA, AMER)));
        assertThat(day.gaps()).containsExactly(new Interval(Instant.parse("2026-03-15T23:00:00Z"),
                Instant.parse("2026-03-16T00:00:00Z")));
    }

    @Test
    void aYearHasAGapOnEverySummerDayAndNoneInWinter() {
        FollowTheSun.Coverage year = DEFAULTS.coverage(new Interval(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z")));
        // LA is on PDT from 8 March to 1 November 2026: 238 days whose 23:00-24:00 UTC is uncovered.
        assertThat(year.gaps()).hasSize(238).allMatch(g -> Duration.between(g.start(), g.end()).equals(Duration.ofHours(1)));
        assertThat(year.gaps().get(0).start()).isEqualTo(Instant.parse("2026-03-08T23:00:00Z"));
        assertThat(year.gaps().get(year.gaps().size() - 1).start()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void aWindowMayRunPastLocalMidnight() {
        CoverageWindow night = new CoverageWindow(APAC, ZoneId.of("UTC"), LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(night.containing(Instant.parse("2026-07-15T23:00:00Z"))).isEqualTo(new Interval(
                Instant.parse("2026-07-15T22:00:00Z"), Instant.parse("2026-07-16T06:00:00Z")));
        assertThat(night.containing(Instant.parse("2026-07-16T05:59:59Z"))).isNotNull();
        assertThat(night.containing(Instant.parse("2026-07-16T06:00:00Z"))).isNull();
    }

    @Test
    void theWindowOnASpringForwardDayIsAnHourEarlierInUtc() {
        CoverageWindow dublin = new CoverageWindow(EMEA, ZoneId.of("Europe/Dublin"), LocalTime.of(8, 0), LocalTime.of(16, 0));
        assertThat(dublin.on(java.time.LocalDate.of(2026, 3, 28))).isEqualTo(new Interval(
                Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-28T16:00:00Z")));
        assertThat(dublin.on(java.time.LocalDate.of(2026, 3, 29))).isEqualTo(new Interval(
                Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-29T15:00:00Z")));
    }
}
