package io.vigil.oncall.api;

import io.vigil.common.security.UserRef;
import io.vigil.oncall.Region;
import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /oncall} (spec §3). */
public record OnCallView(Instant at, Region activeRegion, boolean gap, List<RegionOnCallView> regions) {

    /** {@code primary}/{@code secondary} are null when unstaffed. */
    public record RegionOnCallView(Region region, boolean inCoverage, UserRef primary, UserRef secondary,
                                   Instant shiftEndsAt, Instant coverageEndsAt) {
    }
}
