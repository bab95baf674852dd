package io.vigil.incident.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.security.UserRef;
import io.vigil.timeline.TimelineType;
import java.time.Instant;
import java.util.UUID;

/** {@code {id, at, type, actor, text, data}} (spec §3) plus when it was recorded. */
public record TimelineEntryView(UUID id, Instant at, TimelineType type, UserRef actor, String text, JsonNode data,
                                Instant recordedAt) {
}
