package io.vigil.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One event for one subscription: the durable outbox row, stored in the transaction that caused the
 * event and sent afterwards by {@link WebhookDispatcher}. The body is frozen here, so every retry
 * sends the same bytes with the same event id.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status { PENDING, DELIVERED, FAILED, CANCELLED }

    @Id
    public UUID id;
    public UUID subscriptionId;
    public UUID eventId;
    public String eventType;
    public UUID incidentId;
    public UUID notificationId;
    public String body;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant leaseUntil;
    public Instant deliveredAt;
    public String lastError;
    public boolean failureReported;
    public boolean delayReported;
}
