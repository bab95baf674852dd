package io.vigil.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers "who is on call, in which region, and is anyone?" at an instant (spec §3 {@code GET
 * /oncall}) from the regions' windows and each region's layer schedules. Pure: it is given
 * everything, reads no clock and no database.
 */
public final class OnCallBoard {

    /** One region's answer; user ids are null when a layer is unstaffed. */
    public record RegionOnCall(Region region, boolean inCoverage, UUID primary, UUID secondary, Instant shiftEndsAt,
                               Instant coverageEndsAt) {
    }

    public record Answer(Instant at, Region activeRegion, boolean gap, List<RegionOnCall> regions) {
    }

    private final List<CoverageWindow> windows;
    private final FollowTheSun followTheSun;
    private final Map<Region, Map<Layer, LayerSchedule>> layers;

    public OnCallBoard(List<CoverageWindow> windows, Map<Region, Map<Layer, LayerSchedule>> layers) {
        this.windows = List.copyOf(windows);
        this.followTheSun = new FollowTheSun(windows);
        this.layers = layers;
    }

    /** A stretch of a region's window in which nobody holds a layer. */
    public record Unstaffed(Region region, Layer layer, Interval interval) {
    }

    /** Gaps, overlaps and unstaffed stretches over a range. */
    public record CoverageReport(List<Interval> gaps, List<FollowTheSun.Overlap> overlaps, List<Unstaffed> unstaffed) {
    }

    public CoverageReport coverage(Interval range) {
        FollowTheSun.Coverage coverage = followTheSun.coverage(range);
        List<Unstaffed> unstaffed = new ArrayList<>();
        for (CoverageWindow window : windows) {
            for (Interval open : followTheSun.windowsOf(window.region(), range)) {
                Interval clipped = new Interval(open.start().isBefore(range.start()) ? range.start() : open.start(),
                        open.end().isAfter(range.end()) ? range.end() : open.end());
                for (Layer layer : Layer.values()) {
                    LayerSchedule schedule = layers.getOrDefault(window.region(), Map.of()).get(layer);
                    List<Interval> empty = schedule == null ? List.of(clipped) : schedule.unstaffed(clipped);
                    empty.forEach(i -> unstaffed.add(new Unstaffed(window.region(), layer, i)));
                }
            }
        }
        unstaffed.sort(java.util.Comparator.comparing((Unstaffed u) -> u.interval().start())
                .thenComparing(u -> u.region().ordinal()).thenComparing(u -> u.layer().ordinal()));
        return new CoverageReport(coverage.gaps(), coverage.overlaps(), unstaffed);
    }

    /** Who held a region's layer over {@code range}; empty when the layer has no schedule. */
    public List<LayerSchedule.Segment> segments(Region region, Layer layer, Interval range) {
        LayerSchedule schedule = layers.getOrDefault(region, Map.of()).get(layer);
        return schedule == null ? List.of() : schedule.segments(range);
    }

    public Answer at(Instant at) {
        FollowTheSun.ActiveRegion active = followTheSun.activeAt(at);
        List<RegionOnCall> regions = new ArrayList<>(windows.size());
        for (CoverageWindow window : windows) {
            Map<Layer, LayerSchedule> regionLayers = layers.getOrDefault(window.region(), Map.of());
            LayerSchedule primary = regionLayers.get(Layer.PRIMARY);
            LayerSchedule secondary = regionLayers.get(Layer.SECONDARY);
            RotationSchedule primaryRotation = primary == null ? null : primary.rotationAt(at);
            RotationSchedule.Shift shift = primaryRotation == null ? null : primaryRotation.shiftAt(at);
            regions.add(new RegionOnCall(window.region(), window.containing(at) != null, holder(primary, at),
                    holder(secondary, at), shift == null ? null : shift.end(), window.currentOrNext(at).end()));
        }
        return new Answer(at, active.region(), active.gap(), regions);
    }

    private static UUID holder(LayerSchedule layer, Instant at) {
        if (layer == null) {
            return null;
        }
        LayerSchedule.Holder holder = layer.holderAt(at);
        return holder == null ? null : holder.userId();
    }
}
