package io.vigil.oncall.api;

import io.vigil.common.security.UserRef;
import io.vigil.oncall.Region;
import java.time.Instant;

/** A region: zone, local coverage window ({@code HH:mm}) and manager. */
public record RegionView(Region code, String timeZone, String coverageStart, String coverageEnd, UserRef manager,
                         Instant updatedAt) {
}
