package io.vigil.notification;

import java.time.Instant;
import java.util.UUID;

/** One person notified at one step over one channel; {@code dueAt} is when the step was due. */
public record NotificationSummary(UUID id, Person user, int level, int round, String channel, Instant dueAt,
                                  Instant sentAt) {
}
