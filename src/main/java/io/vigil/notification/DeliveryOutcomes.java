package io.vigil.notification;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * How channels report what became of a page notification, so that paging can keep the notification's
 * status and the incident timeline true. Called inside a transaction the channel opened.
 */
public interface DeliveryOutcomes {

    enum Trouble {
        /** The first attempt to deliver failed; retries continue. */
        FAILING,
        /** Still undelivered after the configured wait; retries continue and escalation goes on regardless. */
        DELAYED,
        /** Retries stopped: the notification will not arrive over this channel. */
        GAVE_UP
    }

    /** Everything the channel had to send for this notification arrived. */
    Uni<Void> delivered(UUID notificationId, Instant at);

    Uni<Void> trouble(UUID notificationId, String channel, Trouble trouble, String detail, Instant at);
}
