package io.vigil.oncall.api;

import io.vigil.common.security.UserRef;
import io.vigil.oncall.Layer;
import io.vigil.oncall.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rotation as currently defined; {@code effectiveFrom} is when this definition took over. */
public record RotationView(UUID id, Region region, Layer layer, List<UserRef> participants, Duration shiftLength,
                           String firstHandoff, Instant effectiveFrom, Instant createdAt) {
}
