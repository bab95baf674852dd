package io.vigil.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vigil.common.persistence.DatabaseOutage;
import io.vigil.common.problem.DomainException;
import io.vigil.common.security.Caller;
import io.vigil.notification.OutboxPump;
import io.vigil.paging.PageService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Button clicks from Slack messages: Acknowledge and Escalate now. Slack wants its answer within 3
 * seconds, so {@link #accept} only queues the click; the work runs right after on a worker thread, as
 * the Vigil user the Slack user is linked to, with that user's rights. The page's messages update
 * themselves through the outbox; only refusals are told back, privately ({@code chat.postEphemeral}).
 */
@ApplicationScoped
public class SlackInteractions {

    private static final Logger LOG = Logger.getLogger(SlackInteractions.class);

    @Inject
    SlackActors actors;

    @Inject
    PageService pages;

    @Inject
    SlackWebApi api;

    @Inject
    SlackSettings settings;

    private ExecutorService executor;

    @PostConstruct
    void init() {
        executor = Executors.newFixedThreadPool(2, OutboxPump.threads("vigil-slack-clicks"));
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        // A click already answered 200 to Slack is finished here; Slack will not send it again.
        executor.shutdown();
        if (!executor.awaitTermination(settings.timeout().toSeconds() + 1, TimeUnit.SECONDS)) {
            LOG.warn("stopped with Slack clicks still being handled; the people who clicked see no change and can click again");
        }
    }

    /** A verified interaction payload; returns at once. */
    public void accept(JsonNode payload) {
        try {
            executor.execute(() -> handle(payload));
        } catch (RejectedExecutionException e) {
            LOG.warn("shutting down: a Slack click was not handled; the person can click again");
        }
    }

    private void handle(JsonNode payload) {
        if (!"block_actions".equals(payload.path("type").asText())) {
            LOG.debugf("ignoring Slack interaction of type %s", payload.path("type").asText());
            return;
        }
        String slackUser = payload.path("user").path("id").asText(null);
        String channel = payload.path("channel").path("id").asText(payload.path("container").path("channel_id")
                .asText(null));
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asText("");
        if (!actionId.equals(SlackMessages.ACK_ACTION) && !actionId.equals(SlackMessages.ESCALATE_ACTION)) {
            LOG.debugf("ignoring Slack action %s", actionId);
            return;
        }
        UUID pageId;
        try {
            pageId = UUID.fromString(action.path("value").asText(""));
        } catch (IllegalArgumentException e) {
            tell(channel, slackUser, "That button does not name a page.");
            return;
        }
        try {
            Optional<Caller> caller = VertxContextSupport.subscribeAndAwait(() -> actors.caller(slackUser));
            if (caller.isEmpty()) {
                tell(channel, slackUser, SlackActors.notLinked(slackUser));
                return;
            }
            if (actionId.equals(SlackMessages.ACK_ACTION)) {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                        () -> pages.acknowledge(pageId, caller.get(), "Slack")));
            } else {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                        () -> pages.escalateNow(pageId, caller.get(), "Slack")));
            }
        } catch (DomainException e) {
            tell(channel, slackUser, ":warning: Nothing was changed: " + SlackReplies.explain(e));
        } catch (Throwable e) {
            DatabaseOutage.log(LOG, Logger.Level.ERROR, e, "handling Slack action %s on page %s failed", actionId,
                    pageId);
            tell(channel, slackUser, ":warning: Vigil could not do that just now; please try again, or use the "
                    + "web page.");
        }
    }

    private void tell(String channel, String slackUser, String text) {
        if (channel == null || slackUser == null || !settings.enabled()) {
            return;
        }
        SlackWebApi.Answer answer = api.postEphemeral(channel, slackUser, text);
        if (!answer.ok()) {
            LOG.warnf("could not tell %s in %s: %s", slackUser, channel, answer.describe());
        }
    }
}
