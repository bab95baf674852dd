package io.vigil.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened, as every outbound channel receives it (spec §5's body). The {@code id} is
 * fixed when the event is stored, so every retry carries it and receivers can drop duplicates.
 */
public record OutboundEvent(UUID id, String type, Instant at, IncidentSummary incident, PageSummary page,
                            NotificationSummary notification) {

    /** A restricted incident's page carries no free-text message either: it could say anything. */
    public OutboundEvent {
        if (incident != null && incident.restricted() && page != null && page.message() != null) {
            page = new PageSummary(page.id(), page.status(), page.level(), page.round(), page.notified(),
                    page.nextEscalationAt(), page.acknowledgedBy(), page.acknowledgedAt(), null);
        }
    }

    public static final String INCIDENT_DECLARED = "incident.declared";
    public static final String INCIDENT_UPDATED = "incident.updated";
    public static final String PAGE_TRIGGERED = "page.triggered";
    public static final String PAGE_ESCALATED = "page.escalated";
    public static final String PAGE_ACKNOWLEDGED = "page.acknowledged";
    public static final String PAGE_EXHAUSTED = "page.exhausted";
    public static final String PAGE_RESOLVED = "page.resolved";
    public static final String POSTMORTEM_PUBLISHED = "postmortem.published";

    /** Every type a subscription may name (besides {@code *}). */
    public static final java.util.List<String> TYPES = java.util.List.of(INCIDENT_DECLARED, INCIDENT_UPDATED,
            PAGE_TRIGGERED, PAGE_ESCALATED, PAGE_ACKNOWLEDGED, PAGE_EXHAUSTED, PAGE_RESOLVED, POSTMORTEM_PUBLISHED);
}
