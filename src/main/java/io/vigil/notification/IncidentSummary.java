package io.vigil.notification;

import io.vigil.incident.Incident;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident as outbound messages show it. A restricted incident carries only its id, reference,
 * severity and status — no title, summary, category, region, people or dates — because messages
 * leave Vigil's access control (the same rule spec §4 sets for Slack).
 */
public record IncidentSummary(UUID id, String ref, String title, String summary, String severity, String category,
                              String region, String status, boolean restricted, UUID commanderId,
                              Instant declaredAt) {

    public static IncidentSummary of(Incident incident) {
        boolean restricted = incident.restricted;
        return new IncidentSummary(incident.id, incident.reference(),
                restricted ? null : incident.title,
                restricted ? null : incident.summary,
                incident.severity.name(),
                restricted ? null : incident.category,
                restricted ? null : incident.region.name(),
                incident.status.name(), restricted,
                restricted ? null : incident.commanderId,
                restricted ? null : incident.declaredAt);
    }
}
