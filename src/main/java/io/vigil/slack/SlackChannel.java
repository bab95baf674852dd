package io.vigil.slack;

import io.smallrye.mutiny.Uni;
import io.vigil.notification.NotificationChannel;
import io.vigil.notification.OutboundEvent;
import io.vigil.notification.Person;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Slack as a channel of the notifier port (spec §4). A page notification becomes a direct message to
 * the responder, plus one copy per step in the incident's channel (whose members are invited as they
 * are paged). When a page is acknowledged, stopped or exhausted, every message of it is marked for a
 * {@code chat.update}. Messages are rendered when sent, from the page as it is then, so a message sent
 * after an acknowledgement already says who acknowledged.
 */
@ApplicationScoped
public class SlackChannel implements NotificationChannel {

    public static final String NAME = "SLACK";

    @Inject
    SlackSettings settings;

    @Inject
    SlackOutbox outbox;

    @Override
    public String name() {
        return NAME;
    }

    /** Someone with a Slack user id, when a bot token is configured. */
    @Override
    public Uni<Boolean> reaches(Person person, String eventType) {
        return Uni.createFrom().item(settings.enabled() && person.slackUserId() != null
                && !person.slackUserId().isBlank());
    }

    @Override
    public Uni<Void> enqueue(OutboundEvent event) {
        if (!settings.enabled() || event.page() == null) {
            return Uni.createFrom().voidItem();
        }
        return switch (event.type()) {
            case OutboundEvent.PAGE_TRIGGERED, OutboundEvent.PAGE_ESCALATED -> event.notification() == null
                    ? Uni.createFrom().voidItem() : notify(event);
            case OutboundEvent.PAGE_ACKNOWLEDGED, OutboundEvent.PAGE_RESOLVED, OutboundEvent.PAGE_EXHAUSTED ->
                    outbox.pageChanged(event.page().id());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> notify(OutboundEvent event) {
        var incident = event.incident();
        var notification = event.notification();
        String slackUser = notification.user().slackUserId();
        int level = notification.level() - 1;
        int round = notification.round() - 1;
        return outbox.pageDm(incident.id(), event.page().id(), notification.id(), level, round, slackUser)
                .flatMap(v -> outbox.hasChannel(incident.id()))
                .flatMap(hasChannel -> !hasChannel ? Uni.createFrom().voidItem()
                        : outbox.invite(incident.id(), slackUser)
                        .flatMap(x -> outbox.pageChannelCopy(incident.id(), event.page().id(), level, round)));
    }
}
