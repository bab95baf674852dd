package io.vigil.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A rotation's shifts as pure maths. Handoff {@code k} is at local date-time
 * {@code firstHandoff + k × shiftLength} in the region's zone, so handoffs keep their wall-clock
 * time across DST (a 7-day rotation handing off at 09:00 Dublin time does so in March and in
 * October alike, though the UTC instant moves by an hour). A local handoff time that does not
 * exist (spring forward: 02:30 in Los Angeles) happens when the clocks have jumped, at 03:30; one
 * that exists twice (the repeated autumn hour) happens the first time.
 * <p>
 * Shift {@code k} is held by {@code participants[k mod n]}; before the first handoff nobody holds it.
 */
public final class RotationSchedule {

    /** One shift: who holds it and when. */
    public record Shift(long index, UUID userId, Instant start, Instant end) {
    }

    private final ZoneId zone;
    private final LocalDateTime firstHandoff;
    private final Duration shiftLength;
    private final List<UUID> participants;

    public RotationSchedule(ZoneId zone, LocalDateTime firstHandoff, Duration shiftLength, List<UUID> participants) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.firstHandoff = Objects.requireNonNull(firstHandoff, "firstHandoff");
        this.shiftLength = Objects.requireNonNull(shiftLength, "shiftLength");
        if (shiftLength.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("a shift lasts at least an hour");
        }
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs at least one participant");
        }
        this.participants = List.copyOf(participants);
    }

    /** Instant of handoff {@code k} (k may be negative, for maths only). */
    public Instant handoff(long k) {
        LocalDateTime local = firstHandoff.plus(shiftLength.multipliedBy(k));
        return ZonedDateTime.of(local, zone).toInstant();
    }

    /** The shift in force at {@code at}, or {@code null} before the first handoff. */
    public Shift shiftAt(Instant at) {
        Instant first = handoff(0);
        if (at.isBefore(first)) {
            return null;
        }
        // Wall-clock and UTC spacing differ by at most the DST shifts in between, so this estimate
        // is off by at most one shift; the loops correct it.
        long k = Duration.between(first, at).getSeconds() / shiftLength.getSeconds();
        while (k > 0 && handoff(k).isAfter(at)) {
            k--;
        }
        while (!handoff(k + 1).isAfter(at)) {
            k++;
        }
        return shift(k);
    }

    public Shift shift(long k) {
        return new Shift(k, participants.get((int) Math.floorMod(k, (long) participants.size())), handoff(k),
                handoff(k + 1));
    }

    /** The first shift starting at or after {@code at}'s shift; with {@link #shift} iterate a range. */
    public long indexAt(Instant at) {
        Shift shift = shiftAt(at);
        return shift == null ? 0 : shift.index();
    }
}
