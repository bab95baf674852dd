package io.vigil.audit;

import java.time.Instant;
import java.util.UUID;

/** Filters of {@code GET /audit}; every one optional. {@code to} is exclusive. */
public record AuditQuery(Instant from, Instant to, UUID actorId, String entityType, String entityId) {
}
