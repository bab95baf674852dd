package io.vigil.paging.api;

import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import io.vigil.paging.EscalationTarget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /escalation-policies} and {@code PUT /escalation-policies/{id}}. Empty or absent
 * {@code severities}/{@code categories} mean "any"; {@code repeat} (0-10, default 0) is how many extra
 * times the ladder runs.
 */
public record EscalationPolicyRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 4) List<@NotNull Severity> severities,
        @Size(max = 50) List<@NotBlank String> categories,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Level> levels,
        Integer repeat) {

    /** One rung; {@code ackTimeout} absent means the severity's. */
    public record Level(@NotEmpty @Size(max = 20) List<@Valid @NotNull Target> targets, Duration ackTimeout) {
    }

    /** {@code region} for REGION_PRIMARY/REGION_SECONDARY (optional for REGION_MANAGER); {@code userId} for USER. */
    public record Target(@NotNull EscalationTarget.Type type, Region region, UUID userId) {
    }
}
