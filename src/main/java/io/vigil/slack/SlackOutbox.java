package io.vigil.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Stores Slack work in the caller's transaction (rows of {@code slack_outbox}, see V7), so a message
 * exists exactly when the change that caused it commits; {@link SlackDispatcher} does it afterwards.
 * Every insert ends with a {@code NOTIFY} that PostgreSQL delivers at commit, waking the senders.
 */
@ApplicationScoped
public class SlackOutbox {

    static final String WAKE_UP_CHANNEL = "vigil_slack";

    public enum Kind { PAGE_DM, PAGE_CHANNEL, CHANNEL_POST, CREATE_CHANNEL, INVITE }

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    /** The direct message of one page notification. */
    Uni<Void> pageDm(UUID incidentId, UUID pageId, UUID notificationId, int level, int round, String slackUserId) {
        return insert(Kind.PAGE_DM, dmKey(slackUserId), incidentId, pageId, notificationId, level, round, slackUserId,
                null, "");
    }

    /** The incident channel's copy of one step of a page (once per step, whoever else is notified). */
    Uni<Void> pageChannelCopy(UUID incidentId, UUID pageId, int level, int round) {
        return insert(Kind.PAGE_CHANNEL, channelKey(incidentId), incidentId, pageId, null, level, round, null, null,
                "on conflict (page_id, level, round) where kind = 'PAGE_CHANNEL' do nothing");
    }

    /** Invites someone into the incident channel (once per person and incident). */
    Uni<Void> invite(UUID incidentId, String slackUserId) {
        return insert(Kind.INVITE, channelKey(incidentId), incidentId, null, null, null, null, slackUserId, null,
                "on conflict (incident_id, slack_user_id) where kind = 'INVITE' do nothing");
    }

    /** A post in the incident channel, its content frozen now: it tells what happened at this moment. */
    Uni<Void> channelPost(UUID incidentId, SlackMessages.Rendered message) {
        String body;
        try {
            body = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message not serialisable", e);
        }
        return insert(Kind.CHANNEL_POST, channelKey(incidentId), incidentId, null, null, null, null, null, body, "");
    }

    /** Creates the incident's channel, first in its order so posts and invitations wait for it. */
    Uni<Boolean> createChannel(UUID incidentId, String name, boolean restricted) {
        return flushed().flatMap(session -> session.createNativeQuery("""
                        insert into slack_incident_channel (incident_id, name, private, status, created_at)
                        values (:incident, :name, :private, 'PENDING', :now) on conflict do nothing""")
                .setParameter("incident", incidentId).setParameter("name", name).setParameter("private", restricted)
                .setParameter("now", clock.instant().atOffset(ZoneOffset.UTC)).executeUpdate()
                .flatMap(created -> created == 0 ? Uni.createFrom().item(false)
                        : insert(Kind.CREATE_CHANNEL, channelKey(incidentId), incidentId, null, null, null, null, null,
                        null, "").replaceWith(true)));
    }

    /** Whether the incident has a channel (made or being made); a failed one counts as none. */
    Uni<Boolean> hasChannel(UUID incidentId) {
        return flushed().flatMap(session -> session.createNativeQuery(
                        "select count(*) from slack_incident_channel where incident_id = :i and status <> 'FAILED'",
                        Long.class).setParameter("i", incidentId).getSingleResult())
                .map(count -> count > 0);
    }

    /** The page changed (acknowledged, stopped, exhausted): every message of it is brought up to date. */
    Uni<Void> pageChanged(UUID pageId) {
        return flushed().flatMap(session -> session.createNativeQuery(
                                "update slack_outbox set update_seq = update_seq + 1 where page_id = :p "
                                        + "and kind in ('PAGE_DM', 'PAGE_CHANNEL') and status in ('PENDING', 'SENT')")
                        .setParameter("p", pageId).executeUpdate()
                        .flatMap(n -> n == 0 ? Uni.createFrom().voidItem() : wake(session)));
    }

    private Uni<Void> insert(Kind kind, String orderKey, UUID incidentId, UUID pageId, UUID notificationId,
                             Integer level, Integer round, String slackUserId, String body, String onConflict) {
        return flushed().flatMap(session -> session.createNativeQuery("""
                        insert into slack_outbox (id, kind, order_key, incident_id, page_id, notification_id, level,
                            round, slack_user_id, body, status, created_at, next_attempt_at)
                        values (:id, :kind, :key, :incident, :page, :notification, :level, :round, :user, :body,
                            'PENDING', :now, :now)
                        """ + onConflict)
                .setParameter("id", UUID.randomUUID()).setParameter("kind", kind.name()).setParameter("key", orderKey)
                .setParameter("incident", incidentId).setParameter("page", pageId)
                .setParameter("notification", notificationId).setParameter("level", level)
                .setParameter("round", round).setParameter("user", slackUserId).setParameter("body", body)
                .setParameter("now", clock.instant().atOffset(ZoneOffset.UTC))
                .executeUpdate().flatMap(n -> n == 0 ? Uni.createFrom().voidItem() : wake(session)));
    }

    /**
     * The session with the transaction's pending entity changes written: the native statements here
     * refer to rows (the incident, the page, its notification) that may exist only in the session yet.
     */
    private static Uni<org.hibernate.reactive.mutiny.Mutiny.Session> flushed() {
        return Panache.getSession().flatMap(session -> session.flush().replaceWith(session));
    }

    private static Uni<Void> wake(org.hibernate.reactive.mutiny.Mutiny.Session session) {
        return session.createNativeQuery("NOTIFY " + WAKE_UP_CHANNEL).executeUpdate().replaceWithVoid();
    }

    static String dmKey(String slackUserId) {
        return "dm:" + slackUserId;
    }

    static String channelKey(UUID incidentId) {
        return "inc:" + incidentId;
    }
}
