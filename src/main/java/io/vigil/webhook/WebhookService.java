package io.vigil.webhook;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.notification.OutboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhook subscriptions (spec §5): create, list, delete; and a subscription's recent deliveries. */
@ApplicationScoped
public class WebhookService {

    public static final String ENTITY = "webhook_subscription";
    public static final int MIN_SECRET_LENGTH = 16;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<WebhookSubscription> create(String url, String secret, List<String> events, Caller actor) {
        validateUrl(url);
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw ValidationException.of("secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!"*".equals(event) && !OutboundEvent.TYPES.contains(event)) {
                throw ValidationException.of("events[" + i + "]", "unknown event '" + event + "'; one of "
                        + OutboundEvent.TYPES + " or *");
            }
            wanted.add(event);
        }
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.url = url.strip();
        subscription.secret = secret;
        subscription.events = List.copyOf(wanted);
        subscription.createdBy = actor.id();
        subscription.createdAt = clock.instant();
        return subscription.<WebhookSubscription>persist().call(saved -> audit.record(actor, "webhook.created", ENTITY,
                saved.id, null, Map.of("url", saved.url, "events", saved.events)));
    }

    @WithSession
    public Uni<List<WebhookSubscription>> list() {
        return WebhookSubscription.list("deletedAt is null order by createdAt");
    }

    /** Deletes a subscription and cancels what it still had to send; deleting twice is a 404. */
    @WithTransaction
    public Uni<Void> delete(UUID id, Caller actor) {
        return active(id).flatMap(subscription -> {
            Instant now = clock.instant();
            subscription.deletedAt = now;
            return WebhookDelivery.update("status = ?1, leaseUntil = null where subscriptionId = ?2 and status = ?3",
                            WebhookDelivery.Status.CANCELLED, id, WebhookDelivery.Status.PENDING)
                    .call(n -> audit.record(actor, "webhook.deleted", ENTITY, id,
                            Map.of("url", subscription.url, "events", subscription.events), null))
                    .replaceWithVoid();
        });
    }

    /** The latest deliveries of a subscription, newest first: for diagnosing a failing receiver. */
    @WithSession
    public Uni<List<WebhookDelivery>> deliveries(UUID id, WebhookDelivery.Status status, int limit) {
        return active(id).flatMap(s -> status == null
                ? WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 order by createdAt desc", id)
                        .range(0, limit - 1).list()
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and status = ?2 order by createdAt desc",
                        id, status).range(0, limit - 1).list());
    }

    private Uni<WebhookSubscription> active(UUID id) {
        return WebhookSubscription.<WebhookSubscription>findById(id).map(s -> {
            if (s == null || s.deletedAt != null) {
                throw NotFoundException.of("webhook subscription", id);
            }
            return s;
        });
    }

    private static void validateUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ValidationException.of("url", "must be an absolute http or https URL");
            }
            if (uri.getUserInfo() != null) {
                throw ValidationException.of("url", "must not contain credentials; receivers check the signature");
            }
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "is not a valid URL");
        }
    }
}
