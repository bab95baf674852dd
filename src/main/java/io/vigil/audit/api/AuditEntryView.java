package io.vigil.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** One audit entry; {@code actor} is null for actions the service took itself. */
public record AuditEntryView(UUID id, Instant at, UserRef actor, String action, String entityType, String entityId,
                             JsonNode before, JsonNode after) {
}
