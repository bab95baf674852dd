package io.vigil.oncall.api;

import io.vigil.common.security.UserRef;
import io.vigil.oncall.Layer;
import io.vigil.oncall.Region;
import java.time.Instant;
import java.util.UUID;

public record OverrideView(UUID id, Region region, Layer layer, UserRef user, Instant start, Instant end,
                           Instant createdAt) {
}
