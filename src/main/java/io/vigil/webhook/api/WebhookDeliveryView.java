package io.vigil.webhook.api;

import io.vigil.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.UUID;

/** One delivery of one event to one subscription, for diagnosing a receiver. */
public record WebhookDeliveryView(UUID id, UUID eventId, String eventType, UUID incidentId, String status,
                                  int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
                                  String lastError) {

    public static WebhookDeliveryView of(WebhookDelivery d) {
        return new WebhookDeliveryView(d.id, d.eventId, d.eventType, d.incidentId, d.status.name(), d.attempts,
                d.createdAt, d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null, d.deliveredAt,
                d.lastError);
    }
}
