package io.vigil.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page as outbound messages show it; {@code notified} are the people of the step being announced. */
public record PageSummary(UUID id, String status, int level, int round, List<Person> notified,
                          Instant nextEscalationAt, UUID acknowledgedBy, Instant acknowledgedAt, String message) {
}
