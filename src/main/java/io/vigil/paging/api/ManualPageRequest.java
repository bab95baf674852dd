package io.vigil.paging.api;

import io.vigil.oncall.Region;
import io.vigil.paging.PageService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code POST /incidents/{id}/pages}: whom to page, an optional message for them, and optionally an
 * ack timeout per level (PT10S..PT24H; else the level's own, else the severity's).
 */
public record ManualPageRequest(@NotNull @Valid Target target, @Size(max = 2000) String message, Duration ackTimeout) {

    /** {@code {type: USER, userId}}, {@code {type: REGION, region}} or {@code {type: POLICY, policyId}}. */
    public record Target(@NotNull PageService.TargetType type, UUID userId, Region region, UUID policyId) {
    }
}
