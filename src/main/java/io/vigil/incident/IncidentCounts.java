package io.vigil.incident;

import java.util.Map;

/** How many incidents the caller can see, in all and per status and severity. */
public record IncidentCounts(long total, Map<IncidentStatus, Long> byStatus, Map<Severity, Long> bySeverity) {
}
