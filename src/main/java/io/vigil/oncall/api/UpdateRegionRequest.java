package io.vigil.oncall.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Body of {@code PUT /regions/{code}}: the whole setting; {@code managerId} null means no manager. */
public record UpdateRegionRequest(
        @NotBlank @Size(max = 64) String timeZone,
        @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a local time HH:mm") String coverageStart,
        @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a local time HH:mm") String coverageEnd,
        UUID managerId) {
}
