package io.vigil.paging;

import io.smallrye.mutiny.Uni;
import io.vigil.notification.DeliveryOutcomes;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineType;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps page notifications and the incident timeline true to what channels report: delivered, or
 * failing (once), delayed (once — escalation goes on regardless), or abandoned.
 */
@ApplicationScoped
public class PageDeliveries implements DeliveryOutcomes {

    @Inject
    Timeline timeline;

    @Inject
    UserRepository users;

    @Override
    public Uni<Void> delivered(UUID notificationId, Instant at) {
        return PageNotification.<PageNotification>findById(notificationId).flatMap(n -> {
            if (n == null || n.status == PageNotification.Status.DELIVERED) {
                return Uni.createFrom().voidItem();
            }
            n.status = PageNotification.Status.DELIVERED;
            n.deliveredAt = at;
            return Uni.createFrom().voidItem();
        });
    }

    @Override
    public Uni<Void> trouble(UUID notificationId, String channel, Trouble trouble, String detail, Instant at) {
        return PageNotification.<PageNotification>findById(notificationId).flatMap(n -> {
            if (n == null || n.status == PageNotification.Status.DELIVERED) {
                return Uni.createFrom().voidItem();
            }
            if (trouble == Trouble.DELAYED && n.status == PageNotification.Status.PENDING) {
                n.status = PageNotification.Status.DELAYED;
            } else if (trouble == Trouble.GAVE_UP) {
                n.status = PageNotification.Status.FAILED;
            }
            return users.findById(n.userId).flatMap(user -> {
                String who = "@" + (user == null ? n.userId : user.handle);
                long minutes = Duration.between(n.sentAt, at).toMinutes();
                String text = switch (trouble) {
                    case FAILING -> "Delivery to " + who + " (level " + (n.level + 1) + ", " + channel
                            + ") failed; retrying. " + detail;
                    case DELAYED -> "Notification to " + who + " (level " + (n.level + 1) + ", " + channel
                            + ") DELAYED: not delivered after " + minutes + " min; still retrying, escalation continues. "
                            + detail;
                    case GAVE_UP -> "Notification to " + who + " (level " + (n.level + 1) + ", " + channel
                            + ") FAILED: gave up after " + minutes + " min. " + detail;
                };
                return timeline.append(n.incidentId, TimelineType.DELIVERY_FAILED, null, text,
                        Timeline.data("pageId", n.pageId, "notificationId", n.id, "userId", n.userId,
                                "channel", channel, "trouble", trouble, "detail", detail)).replaceWithVoid();
            });
        });
    }
}
