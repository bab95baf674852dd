package io.vigil.oncall.api;

import io.vigil.oncall.Layer;
import io.vigil.oncall.Region;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Answer of {@code GET /oncall/coverage} (spec §3). */
public record CoverageView(List<Span> gaps, List<OverlapSpan> overlaps, List<UnstaffedSpan> unstaffed) {

    public record Span(Instant start, Instant end) {
    }

    public record OverlapSpan(Instant start, Instant end, Set<Region> regions) {
    }

    public record UnstaffedSpan(Region region, Layer layer, Instant start, Instant end) {
    }
}
