package io.vigil.oncall;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds one layer (PRIMARY or SECONDARY) of one region at an instant: an override covering
 * the instant wins; otherwise the rotation version in force then decides.
 * <p>
 * Editing a rotation never rewrites the past: an edit adds a version effective from the moment
 * it was made, and an instant is always answered by the newest version that was already in
 * force at that instant.
 */
public final class LayerSchedule {

    /** A rotation as it was defined from {@code effectiveFrom} on. */
    public record Version(Instant effectiveFrom, RotationSchedule schedule) {
        public Version {
            Objects.requireNonNull(effectiveFrom, "effectiveFrom");
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** Someone standing in for the rotation over {@code [start, end)}. */
    public record Cover(UUID userId, Interval interval) {
    }

    /** The answer: who, whether by override, and until when that answer holds at the latest. */
    public record Holder(UUID userId, boolean override, Instant until) {
    }

    private final List<Version> versions;
    private final List<Cover> overrides;

    public LayerSchedule(List<Version> versions, List<Cover> overrides) {
        this.versions = versions.stream().sorted(Comparator.comparing(Version::effectiveFrom)).toList();
        this.overrides = overrides.stream().sorted(Comparator.comparing(c -> c.interval().start())).toList();
    }

    /** The rotation version in force at {@code at}, or {@code null} before the first one. */
    public RotationSchedule rotationAt(Instant at) {
        RotationSchedule found = null;
        for (Version version : versions) {
            if (version.effectiveFrom().isAfter(at)) {
                break;
            }
            found = version.schedule();
        }
        return found;
    }

    /** Who holds the layer at {@code at}; {@code null} when nobody does (unstaffed). */
    public Holder holderAt(Instant at) {
        for (Cover cover : overrides) {
            if (cover.interval().contains(at)) {
                return new Holder(cover.userId(), true, cover.interval().end());
            }
        }
        RotationSchedule rotation = rotationAt(at);
        RotationSchedule.Shift shift = rotation == null ? null : rotation.shiftAt(at);
        if (shift == null) {
            return null;
        }
        Instant until = shift.end();
        for (Cover cover : overrides) {
            if (cover.interval().start().isAfter(at) && cover.interval().start().isBefore(until)) {
                until = cover.interval().start();
            }
        }
        for (Version version : versions) {
            if (version.effectiveFrom().isAfter(at) && version.effectiveFrom().isBefore(until)) {
                until = version.effectiveFrom();
            }
        }
        return new Holder(shift.userId(), false, until);
    }
}
