package io.vigil.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vigil.notification.NotificationChannel;
import io.vigil.notification.OutboundEvent;
import io.vigil.notification.Person;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbound webhook channel of the notifier port (spec §5). Enqueuing stores one delivery per
 * subscription that wants the event, in the caller's transaction, and sends a PostgreSQL
 * {@code NOTIFY} that is delivered only when that transaction commits — every instance's
 * {@link WebhookDispatcher} wakes on it and sends at once.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    public static final String NAME = "WEBHOOK";
    static final String WAKE_UP_CHANNEL = "vigil_outbox";

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    private ObjectMapper bodies;

    @PostConstruct
    void init() {
        bodies = mapper.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A person is reachable by webhook when some receiver takes page notifications. */
    @Override
    public Uni<Boolean> reaches(Person person, String eventType) {
        return subscribers(eventType).map(subscriptions -> !subscriptions.isEmpty());
    }

    @Override
    public Uni<Void> enqueue(OutboundEvent event) {
        return subscribers(event.type()).flatMap(subscriptions -> {
            if (subscriptions.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String body = body(event);
            Instant now = clock.instant();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (WebhookSubscription subscription : subscriptions) {
                WebhookDelivery delivery = new WebhookDelivery();
                delivery.id = UUID.randomUUID();
                delivery.subscriptionId = subscription.id;
                delivery.eventId = event.id();
                delivery.eventType = event.type();
                delivery.incidentId = event.incident() == null ? null : event.incident().id();
                delivery.notificationId = event.notification() == null ? null : event.notification().id();
                delivery.body = body;
                delivery.status = WebhookDelivery.Status.PENDING;
                delivery.createdAt = now;
                delivery.nextAttemptAt = now;
                chain = chain.flatMap(v -> delivery.persist().replaceWithVoid());
            }
            return chain.flatMap(v -> Panache.getSession())
                    .flatMap(session -> session.createNativeQuery("NOTIFY " + WAKE_UP_CHANNEL).executeUpdate())
                    .replaceWithVoid();
        });
    }

    private Uni<List<WebhookSubscription>> subscribers(String eventType) {
        return WebhookSubscription.<WebhookSubscription>list("deletedAt is null")
                .map(all -> all.stream().filter(s -> s.wants(eventType)).toList());
    }

    private String body(OutboundEvent event) {
        try {
            return bodies.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }
}
