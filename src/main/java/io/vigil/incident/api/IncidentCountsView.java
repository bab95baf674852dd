package io.vigil.incident.api;

import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import java.util.Map;

/** Answer of {@code GET /incidents/counts}: only incidents the caller may see are counted. */
public record IncidentCountsView(long total, Map<IncidentStatus, Long> byStatus, Map<Severity, Long> bySeverity) {
}
