package io.vigil.incident.api;

import io.vigil.incident.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /incidents/{id}/severity}: the new level and why. */
public record ChangeSeverityRequest(@NotNull Severity severity, @NotBlank @Size(max = 2_000) String reason) {
}
