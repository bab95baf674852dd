package io.vigil.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which region holds the pager (spec §2), as pure decisions over the regions' local windows.
 * <ul>
 *   <li>An instant inside exactly one window belongs to that region.</li>
 *   <li>Inside two or more (an overlap), the region whose window started last has it: that is
 *       the handoff.</li>
 *   <li>Inside none (a gap), the region whose window ended most recently keeps the pager, and
 *       the answer says {@code gap}.</li>
 * </ul>
 * With the default windows (08:00–16:00 local in Singapore, Dublin and Los Angeles) northern
 * summer has a gap 23:00–24:00 UTC (AMER ends, APAC not yet started) and an overlap
 * 07:00–08:00 UTC (EMEA starts an hour before APAC ends).
 */
public final class FollowTheSun {

    /** The decision for one instant; {@code window} is the active region's current (or last) window. */
    public record ActiveRegion(Region region, boolean gap, Interval window) {
    }

    /** Coverage over a range: stretches no region covers, and stretches several cover. */
    public record Coverage(List<Interval> gaps, List<Overlap> overlaps) {
    }

    public record Overlap(Interval interval, Set<Region> regions) {
    }

    private final List<CoverageWindow> windows;

    public FollowTheSun(List<CoverageWindow> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        this.windows = List.copyOf(windows);
    }

    public ActiveRegion activeAt(Instant at) {
        CoverageWindow best = null;
        Interval bestWindow = null;
        for (CoverageWindow region : windows) {
            Interval window = region.containing(at);
            if (window != null && (bestWindow == null || window.start().isAfter(bestWindow.start()))) {
                best = region;
                bestWindow = window;
            }
        }
        if (best != null) {
            return new ActiveRegion(best.region(), false, bestWindow);
        }
        for (CoverageWindow region : windows) {
            Interval window = region.lastEndedBy(at);
            if (bestWindow == null || window.end().isAfter(bestWindow.end())) {
                best = region;
                bestWindow = window;
            }
        }
        return new ActiveRegion(best.region(), true, bestWindow);
    }

    /**
     * Gaps and overlaps within {@code range}, by a sweep over every window boundary. Adjacent
     * stretches with the same regions are merged.
     */
    public Coverage coverage(Interval range) {
        // +1 = a window opens, -1 = it closes, per region, keyed by instant
        TreeMap<Instant, List<int[]>> events = new TreeMap<>();
        for (CoverageWindow region : windows) {
            LocalDate first = range.start().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(2);
            LocalDate last = range.end().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                Interval window = region.on(day);
                if (!window.overlaps(range)) {
                    continue;
                }
                int ordinal = region.region().ordinal();
                events.computeIfAbsent(window.start(), k -> new ArrayList<>()).add(new int[] {ordinal, +1});
                events.computeIfAbsent(window.end(), k -> new ArrayList<>()).add(new int[] {ordinal, -1});
            }
        }
        events.computeIfAbsent(range.start(), k -> new ArrayList<>());
        events.computeIfAbsent(range.end(), k -> new ArrayList<>());

        int[] open = new int[Region.values().length];
        List<Interval> gaps = new ArrayList<>();
        List<Overlap> overlaps = new ArrayList<>();
        Instant previous = null;
        Set<Region> previousActive = null;
        for (var entry : events.entrySet()) {
            Instant at = entry.getKey();
            if (previous != null && previous.isBefore(range.end()) && at.isAfter(range.start())) {
                Instant from = max(previous, range.start());
                Instant to = min(at, range.end());
                if (to.isAfter(from)) {
                    record(new Interval(from, to), previousActive, gaps, overlaps);
                }
            }
            for (int[] event : entry.getValue()) {
                open[event[0]] += event[1];
            }
            previous = at;
            previousActive = activeSet(open);
        }
        return new Coverage(gaps, overlaps);
    }

    private static void record(Interval stretch, Set<Region> active, List<Interval> gaps, List<Overlap> overlaps) {
        if (active.isEmpty()) {
            if (!gaps.isEmpty() && gaps.get(gaps.size() - 1).end().equals(stretch.start())) {
                gaps.set(gaps.size() - 1, new Interval(gaps.get(gaps.size() - 1).start(), stretch.end()));
            } else {
                gaps.add(stretch);
            }
        } else if (active.size() > 1) {
            Overlap last = overlaps.isEmpty() ? null : overlaps.get(overlaps.size() - 1);
            if (last != null && last.interval().end().equals(stretch.start()) && last.regions().equals(active)) {
                overlaps.set(overlaps.size() - 1, new Overlap(new Interval(last.interval().start(), stretch.end()), active));
            } else {
                overlaps.add(new Overlap(stretch, active));
            }
        }
    }

    private static Set<Region> activeSet(int[] open) {
        Set<Region> active = EnumSet.noneOf(Region.class);
        for (Region region : Region.values()) {
            if (open[region.ordinal()] > 0) {
                active.add(region);
            }
        }
        return Set.copyOf(active);
    }

    /** The windows of every region that overlap {@code range}, in start order. */
    public List<Interval> windowsOf(Region region, Interval range) {
        CoverageWindow window = windows.stream().filter(w -> w.region() == region).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown region " + region));
        List<Interval> result = new ArrayList<>();
        LocalDate first = range.start().atZone(window.zone()).toLocalDate().minusDays(1);
        LocalDate last = range.end().atZone(window.zone()).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Interval interval = window.on(day);
            if (interval.overlaps(range)) {
                result.add(interval);
            }
        }
        result.sort(Comparator.comparing(Interval::start));
        return result;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
