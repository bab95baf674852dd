package io.vigil.notification;

import io.smallrye.mutiny.Uni;

/**
 * The notifier port: one way of telling people (outbound webhooks now, Slack next). A channel never
 * sends inside the caller's transaction; it stores durable work (an outbox row) there, so the
 * message exists exactly when the change that caused it commits, and sends it afterwards.
 */
public interface NotificationChannel {

    /** The name stored on notifications, e.g. {@code WEBHOOK}. */
    String name();

    /** Whether this channel can carry a page notification to this person right now. */
    Uni<Boolean> reaches(Person person, String eventType);

    /**
     * Stores what it takes to deliver {@code event}, in the caller's transaction. A page notification
     * carries {@code event.notification()}; other events (acknowledged, exhausted, incident changes)
     * are announcements a channel may carry or ignore.
     */
    Uni<Void> enqueue(OutboundEvent event);
}
