package io.vigil.oncall.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code PUT /duty-lead}. */
public record SetDutyLeadRequest(@NotNull UUID userId) {
}
