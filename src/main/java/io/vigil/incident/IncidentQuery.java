package io.vigil.incident;

import io.vigil.oncall.Region;
import java.time.Instant;

/** Filters of {@code GET /incidents}; all optional. {@code from}/{@code to} bound {@code declaredAt} ({@code to} exclusive). */
public record IncidentQuery(IncidentStatus status, Severity severity, Region region, String category,
                            Instant from, Instant to) {
}
