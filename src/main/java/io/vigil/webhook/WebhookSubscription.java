package io.vigil.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.persistence.CsvConverters;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A receiver of outbound events (spec §5). Deleting one keeps the row (deliveries refer to it). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    public String url;
    public String secret;
    @Convert(converter = CsvConverters.StringList.class)
    public List<String> events;
    public UUID createdBy;
    public Instant createdAt;
    public Instant deletedAt;

    public boolean wants(String eventType) {
        return events.contains("*") || events.contains(eventType);
    }
}
