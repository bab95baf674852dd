package io.vigil.incident;

/** Where an incident is in its life; the legal moves are {@link IncidentLifecycle}'s. */
public enum IncidentStatus {
    DECLARED, INVESTIGATING, MITIGATED, RESOLVED, CLOSED, CANCELLED
}
