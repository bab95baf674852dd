package io.vigil.incident.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code PUT /incidents/{id}/commander} and {@code POST /incidents/{id}/participants}. */
public record UserIdRequest(@NotNull UUID userId) {
}
