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

    /**
     * The stretches of {@code window} in which nobody holds the layer. Who holds it can only change at
     * an override's start or end, a version's start or a handoff, so the walk visits those instants only.
     */
    public List<Interval> unstaffed(Interval window) {
        List<Interval> result = new java.util.ArrayList<>();
        Instant at = window.start();
        while (at.isBefore(window.end())) {
            Holder holder = holderAt(at);
            Instant next = holder != null ? holder.until() : nextChangeAfter(at);
            if (next == null || next.isAfter(window.end())) {
                next = window.end();
            }
            if (holder == null) {
                if (!result.isEmpty() && result.get(result.size() - 1).end().equals(at)) {
                    result.set(result.size() - 1, new Interval(result.get(result.size() - 1).start(), next));
                } else {
                    result.add(new Interval(at, next));
                }
            }
            at = next;
        }
        return result;
    }

    /** The first instant after {@code at} at which the answer may change; null if none ever will. */
    private Instant nextChangeAfter(Instant at) {
        Instant next = null;
        for (Cover cover : overrides) {
            next = earliestAfter(next, cover.interval().start(), at);
            next = earliestAfter(next, cover.interval().end(), at);
        }
        for (Version version : versions) {
            next = earliestAfter(next, version.effectiveFrom(), at);
        }
        RotationSchedule rotation = rotationAt(at);
        if (rotation != null) {
            RotationSchedule.Shift shift = rotation.shiftAt(at);
            next = earliestAfter(next, shift == null ? rotation.handoff(0) : shift.end(), at);
        }
        return next;
    }

    private static Instant earliestAfter(Instant current, Instant candidate, Instant at) {
        if (!candidate.isAfter(at)) return current;
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    /** A stretch of time with one holder. */
    public record Segment(UUID userId, boolean override, Interval interval) {
    }

    /** Who holds the layer over {@code range}, as consecutive stretches; unstaffed time is left out. */
    public List<Segment> segments(Interval range) {
        List<Segment> result = new java.util.ArrayList<>();
        Instant at = range.start();
        while (at.isBefore(range.end())) {
            Holder holder = holderAt(at);
            Instant next = holder != null ? holder.until() : nextChangeAfter(at);
            if (next == null || next.isAfter(range.end())) {
                next = range.end();
            }
            if (holder != null) {
                result.add(new Segment(holder.userId(), holder.override(), new Interval(at, next)));
            }
            at = next;
        }
        return result;
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
