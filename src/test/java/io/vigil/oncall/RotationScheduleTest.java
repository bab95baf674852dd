package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotationScheduleTest {

    private static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BEN = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID CHO = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");

    private static RotationSchedule rotation(ZoneId zone, String firstHandoff, Duration length) {
        return new RotationSchedule(zone, LocalDateTime.parse(firstHandoff), length, List.of(ANA, BEN, CHO));
    }

    @Test
    void aHandoffAt0230OnTheSpringForwardDayHappensWhenTheClocksHaveJumped() {
        RotationSchedule weekly = rotation(LA, "2026-03-01T02:30", Duration.ofDays(7));
        assertThat(weekly.handoff(0)).isEqualTo(Instant.parse("2026-03-01T10:30:00Z")); // 02:30 PST
        assertThat(weekly.handoff(1)).isEqualTo(Instant.parse("2026-03-08T10:30:00Z")); // 02:30 does not exist: 03:30 PDT
        assertThat(weekly.handoff(2)).isEqualTo(Instant.parse("2026-03-15T09:30:00Z")); // 02:30 PDT
        RotationSchedule.Shift shift = weekly.shiftAt(Instant.parse("2026-03-08T10:29:59Z"));
        assertThat(shift.userId()).isEqualTo(ANA);
        assertThat(weekly.shiftAt(Instant.parse("2026-03-08T10:30:00Z")).userId()).isEqualTo(BEN);
    }

    @Test
    void aHandoffInTheRepeatedAutumnHourHappensTheFirstTime() {
        RotationSchedule daily = rotation(LA, "2026-10-31T01:30", Duration.ofDays(1));
        assertThat(daily.handoff(1)).isEqualTo(Instant.parse("2026-11-01T08:30:00Z")); // 01:30 PDT, the first one
        assertThat(daily.handoff(2)).isEqualTo(Instant.parse("2026-11-02T09:30:00Z")); // 01:30 PST
        RotationSchedule.Shift longShift = daily.shift(1);
        assertThat(Duration.between(longShift.start(), longShift.end())).isEqualTo(Duration.ofHours(25));
        assertThat(daily.shiftAt(Instant.parse("2026-11-01T09:30:00Z")).userId()).isEqualTo(BEN); // 01:30 PST: still BEN
    }

    @ParameterizedTest(name = "Dublin daily 09:00 handoff: the shift starting {0} lasts {1}h")
    @CsvSource({
            "2026-03-28T09:00, 23",  // spring forward on 29 March
            "2026-03-29T09:00, 24",
            "2026-10-24T09:00, 25",  // fall back on 25 October
            "2026-10-25T09:00, 24",
    })
    void dailyHandoffsKeepTheirWallClockTimeAcrossDst(String start, long hours) {
        RotationSchedule daily = rotation(DUBLIN, start, Duration.ofDays(1));
        RotationSchedule.Shift first = daily.shift(0);
        assertThat(Duration.between(first.start(), first.end())).isEqualTo(Duration.ofHours(hours));
        assertThat(first.end().atZone(DUBLIN).toLocalTime()).hasToString("09:00");
    }

    @Test
    void aShiftSpanningNewYear() {
        RotationSchedule weekly = rotation(ZoneId.of("Asia/Singapore"), "2026-12-28T09:00", Duration.ofDays(7));
        RotationSchedule.Shift shift = weekly.shiftAt(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(shift.index()).isZero();
        assertThat(shift.userId()).isEqualTo(ANA);
        assertThat(shift.start()).isEqualTo(Instant.parse("2026-12-28T01:00:00Z"));
        assertThat(shift.end()).isEqualTo(Instant.parse("2027-01-04T01:00:00Z"));
    }

    @Test
    void aLeapDay() {
        RotationSchedule daily = rotation(DUBLIN, "2028-02-27T08:00", Duration.ofDays(1));
        RotationSchedule.Shift leap = daily.shiftAt(Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(leap.index()).isEqualTo(2);
        assertThat(leap.userId()).isEqualTo(CHO);
        assertThat(leap.start()).isEqualTo(Instant.parse("2028-02-29T08:00:00Z"));
        assertThat(leap.end()).isEqualTo(Instant.parse("2028-03-01T08:00:00Z"));
        RotationSchedule weekly = rotation(DUBLIN, "2028-02-24T08:00", Duration.ofDays(7));
        assertThat(weekly.handoff(1)).isEqualTo(Instant.parse("2028-03-02T08:00:00Z"));
    }

    @Test
    void nobodyBeforeTheFirstHandoff() {
        RotationSchedule weekly = rotation(DUBLIN, "2026-06-01T09:00", Duration.ofDays(7));
        assertThat(weekly.shiftAt(Instant.parse("2026-06-01T07:59:59Z"))).isNull();
        assertThat(weekly.shiftAt(Instant.parse("2026-06-01T08:00:00Z")).userId()).isEqualTo(ANA);
    }

    @Test
    void everyInstantOfTenYearsFallsInsideTheShiftFound() {
        RotationSchedule twelveHours = rotation(LA, "2026-01-01T08:00", Duration.ofHours(12));
        Instant at = Instant.parse("2026-01-01T16:00:00Z");
        for (int i = 0; i < 10 * 365 * 3; i++) {
            RotationSchedule.Shift shift = twelveHours.shiftAt(at);
            assertThat(shift.start()).isBeforeOrEqualTo(at);
            assertThat(shift.end()).isAfter(at);
            assertThat(shift.userId()).isEqualTo(List.of(ANA, BEN, CHO).get((int) (shift.index() % 3)));
            at = at.plus(Duration.ofMinutes(8 * 60 + 7));
        }
    }
}
