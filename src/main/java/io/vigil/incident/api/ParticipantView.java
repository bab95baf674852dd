package io.vigil.incident.api;

import java.time.Instant;
import java.util.UUID;

public record ParticipantView(UUID userId, String handle, String displayName, Instant addedAt, UUID addedBy) {
}
