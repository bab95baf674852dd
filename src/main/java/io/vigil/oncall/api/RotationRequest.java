package io.vigil.oncall.api;

import io.vigil.oncall.Layer;
import io.vigil.oncall.Region;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /rotations}. {@code shiftLength} is an ISO-8601 duration (PT1H to P366D);
 * {@code firstHandoff} a local date-time in the region's zone, e.g. {@code 2026-06-01T09:00}.
 */
public record RotationRequest(@NotNull Region region, @NotNull Layer layer,
                              @NotEmpty @Size(max = 100) List<@NotNull UUID> participants,
                              @NotNull Duration shiftLength, @NotNull LocalDateTime firstHandoff) {
}
