package io.vigil.incident.api;

import io.vigil.incident.IncidentStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /incidents/{id}/status}; {@code reason} is required for CANCELLED. */
public record ChangeStatusRequest(@NotNull IncidentStatus status, @Size(max = 2_000) String reason) {
}
