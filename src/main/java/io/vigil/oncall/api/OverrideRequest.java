package io.vigil.oncall.api;

import io.vigil.oncall.Layer;
import io.vigil.oncall.Region;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /overrides}: {@code userId} holds the layer for {@code [start, end)}. */
public record OverrideRequest(@NotNull Region region, @NotNull Layer layer, @NotNull UUID userId,
                              @NotNull Instant start, @NotNull Instant end) {
}
