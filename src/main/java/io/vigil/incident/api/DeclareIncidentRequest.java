package io.vigil.incident.api;

import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /incidents}. {@code restricted} defaults to the category's setting. */
public record DeclareIncidentRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10_000) String summary,
        @NotBlank @Size(max = 64) String category,
        @NotNull Severity severity,
        @NotNull Region region,
        Boolean restricted) {
}
