package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.oncall.LayerSchedule.Cover;
import io.vigil.oncall.LayerSchedule.Holder;
import io.vigil.oncall.LayerSchedule.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Overrides inside, across and exactly on shift boundaries; rotation edits that never rewrite the past. */
class LayerScheduleTest {

    private static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BEN = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID OLA = UUID.fromString("00000000-0000-0000-0000-0000000000ff");
    private static final UUID ZED = UUID.fromString("00000000-0000-0000-0000-0000000000ee");
    private static final ZoneId UTC = ZoneId.of("UTC");

    /** Daily shifts handing off at 08:00 UTC: ANA on even days from 1 June, BEN on odd ones. */
    private static final RotationSchedule DAILY = new RotationSchedule(UTC, LocalDateTime.parse("2026-06-01T08:00"),
            Duration.ofDays(1), List.of(ANA, BEN));

    private static Cover cover(String start, String end) {
        return new Cover(OLA, new Interval(Instant.parse(start), Instant.parse(end)));
    }

    @ParameterizedTest(name = "override {0}..{1}: at {2} -> {3}")
    @CsvSource({
            // inside ANA's shift of 1 June
            "2026-06-01T12:00:00Z, 2026-06-01T14:00:00Z, 2026-06-01T11:59:59Z, ANA",
            "2026-06-01T12:00:00Z, 2026-06-01T14:00:00Z, 2026-06-01T12:00:00Z, OLA",
            "2026-06-01T12:00:00Z, 2026-06-01T14:00:00Z, 2026-06-01T13:59:59Z, OLA",
            "2026-06-01T12:00:00Z, 2026-06-01T14:00:00Z, 2026-06-01T14:00:00Z, ANA",
            // across the 2 June 08:00 handoff
            "2026-06-02T06:00:00Z, 2026-06-02T10:00:00Z, 2026-06-02T07:59:59Z, OLA",
            "2026-06-02T06:00:00Z, 2026-06-02T10:00:00Z, 2026-06-02T08:00:00Z, OLA",
            "2026-06-02T06:00:00Z, 2026-06-02T10:00:00Z, 2026-06-02T10:00:00Z, BEN",
            // exactly BEN's whole shift of 2 June
            "2026-06-02T08:00:00Z, 2026-06-03T08:00:00Z, 2026-06-02T07:59:59Z, ANA",
            "2026-06-02T08:00:00Z, 2026-06-03T08:00:00Z, 2026-06-02T08:00:00Z, OLA",
            "2026-06-02T08:00:00Z, 2026-06-03T08:00:00Z, 2026-06-03T07:59:59Z, OLA",
            "2026-06-02T08:00:00Z, 2026-06-03T08:00:00Z, 2026-06-03T08:00:00Z, ANA",
    })
    void overrides(String start, String end, String at, String expected) {
        LayerSchedule layer = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY)), List.of(cover(start, end)));
        Holder holder = layer.holderAt(Instant.parse(at));
        UUID who = switch (expected) {
            case "ANA" -> ANA;
            case "BEN" -> BEN;
            default -> OLA;
        };
        assertThat(holder.userId()).isEqualTo(who);
        assertThat(holder.override()).isEqualTo(who == OLA);
    }

    @Test
    void theAnswerHoldsUntilTheNextOverrideOrHandoff() {
        LayerSchedule layer = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY)),
                List.of(cover("2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z")));
        assertThat(layer.holderAt(Instant.parse("2026-06-01T09:00:00Z")).until())
                .isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(layer.holderAt(Instant.parse("2026-06-01T13:00:00Z")).until())
                .isEqualTo(Instant.parse("2026-06-01T14:00:00Z"));
        assertThat(layer.holderAt(Instant.parse("2026-06-01T15:00:00Z")).until())
                .isEqualTo(Instant.parse("2026-06-02T08:00:00Z"));
    }

    @Test
    void editingTheRotationDoesNotChangeThePast() {
        Instant editedAt = Instant.parse("2026-06-10T15:00:00Z");
        RotationSchedule edited = new RotationSchedule(UTC, LocalDateTime.parse("2026-06-01T08:00"),
                Duration.ofDays(1), List.of(ZED, BEN));
        LayerSchedule before = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY)), List.of());
        LayerSchedule after = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY), new Version(editedAt, edited)),
                List.of());
        for (Instant at = Instant.parse("2026-06-01T08:00:00Z"); at.isBefore(editedAt); at = at.plus(Duration.ofMinutes(37))) {
            // who held the pager, and whether by override, is what /oncall answered then
            assertThat(after.holderAt(at).userId()).isEqualTo(before.holderAt(at).userId());
            assertThat(after.holderAt(at).override()).isEqualTo(before.holderAt(at).override());
        }
        // 10 June is an odd day index (9): BEN's; from the 11th (index 10) ZED stands where ANA did
        assertThat(after.holderAt(Instant.parse("2026-06-11T09:00:00Z")).userId()).isEqualTo(ZED);
        assertThat(before.holderAt(Instant.parse("2026-06-11T09:00:00Z")).userId()).isEqualTo(ANA);
        assertThat(after.holderAt(Instant.parse("2026-06-10T14:00:00Z")).until()).isEqualTo(editedAt);
    }

    @Test
    void nobodyWithoutARotation() {
        assertThat(new LayerSchedule(List.of(), List.of()).holderAt(Instant.parse("2026-06-01T09:00:00Z"))).isNull();
    }

    @Test
    void unstaffedStretchesOfAWindow() {
        Interval window = new Interval(Instant.parse("2026-05-31T20:00:00Z"), Instant.parse("2026-06-01T12:00:00Z"));
        LayerSchedule rotationOnly = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY)), List.of());
        assertThat(rotationOnly.unstaffed(window)).containsExactly(
                new Interval(Instant.parse("2026-05-31T20:00:00Z"), Instant.parse("2026-06-01T08:00:00Z")));

        LayerSchedule withCover = new LayerSchedule(List.of(new Version(Instant.EPOCH, DAILY)),
                List.of(cover("2026-05-31T22:00:00Z", "2026-05-31T23:00:00Z")));
        assertThat(withCover.unstaffed(window)).containsExactly(
                new Interval(Instant.parse("2026-05-31T20:00:00Z"), Instant.parse("2026-05-31T22:00:00Z")),
                new Interval(Instant.parse("2026-05-31T23:00:00Z"), Instant.parse("2026-06-01T08:00:00Z")));

        assertThat(new LayerSchedule(List.of(), List.of()).unstaffed(window)).containsExactly(window);
        assertThat(rotationOnly.unstaffed(new Interval(Instant.parse("2026-06-02T00:00:00Z"),
                Instant.parse("2026-06-09T00:00:00Z")))).isEmpty();
    }
}
