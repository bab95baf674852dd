package io.vigil.postmortem.api;

import io.vigil.postmortem.PostmortemStatus;
import jakarta.validation.constraints.NotNull;

/** {@code POST /postmortems/{id}/status}. */
public record PostmortemStatusRequest(@NotNull PostmortemStatus status) {
}
