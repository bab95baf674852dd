package io.vigil.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * Body of {@code PUT /severities/{sev}}: the whole policy. {@code ackTimeout} is an ISO-8601
 * duration from PT10S to PT24H, required when {@code pageOnDeclare} is true.
 */
public record UpdateSeverityPolicyRequest(
        @NotBlank @Size(max = 500) String description,
        @NotNull Boolean pageOnDeclare,
        Duration ackTimeout,
        @NotNull Boolean leadershipNotified,
        @NotNull Boolean postmortemRequired) {
}
