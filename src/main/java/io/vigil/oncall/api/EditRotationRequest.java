package io.vigil.oncall.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** Body of {@code PUT /rotations/{id}}: the rotation from now on (the past keeps its answers). */
public record EditRotationRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> participants,
                                  @NotNull Duration shiftLength, @NotNull LocalDateTime firstHandoff) {
}
