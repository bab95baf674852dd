package io.vigil.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A region's daily local coverage window, e.g. 08:00–16:00 in Europe/Dublin. Half-open
 * {@code [start, end)}; when {@code end} is not after {@code start} the window runs past local
 * midnight (22:00–06:00). Local times that do not exist on a DST spring-forward day move forward
 * by the gap, and ambiguous ones in the repeated autumn hour take the earlier offset
 * ({@link ZonedDateTime#of} semantics), so every day has exactly one window.
 */
public record CoverageWindow(Region region, ZoneId zone, LocalTime start, LocalTime end) {

    public CoverageWindow {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a coverage window needs a start different from its end");
        }
    }

    public boolean wrapsMidnight() {
        return !end.isAfter(start);
    }

    /** The window that opens on local date {@code day}, as UTC instants. */
    public Interval on(LocalDate day) {
        Instant from = ZonedDateTime.of(day, start, zone).toInstant();
        Instant to = ZonedDateTime.of(wrapsMidnight() ? day.plusDays(1) : day, end, zone).toInstant();
        return new Interval(from, to);
    }

    /** The window containing {@code at}, if any. */
    public Interval containing(Instant at) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            Interval window = on(day);
            if (window.contains(at)) {
                return window;
            }
        }
        return null;
    }

    /** The first window that ends after {@code at} (the current one, or the next). */
    public Interval currentOrNext(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            Interval window = on(day);
            if (window.end().isAfter(at)) {
                return window;
            }
            day = day.plusDays(1);
        }
    }

    /** The last window that ended at or before {@code at}. */
    public Interval lastEndedBy(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate().plusDays(1);
        while (true) {
            Interval window = on(day);
            if (!window.end().isAfter(at)) {
                return window;
            }
            day = day.minusDays(1);
        }
    }
}
