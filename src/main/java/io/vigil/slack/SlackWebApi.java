package io.vigil.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Slack Web API methods Vigil calls, through the official SDK, each answered as a plain
 * {@link Answer}: blocking, so callers run on worker threads, never on the event loop. The base URL is
 * {@code oncall.slack.api-url}, which tests point at a fake Slack.
 */
@ApplicationScoped
public class SlackWebApi {

    /** Message metadata that marks a message as the work of one outbox row, to find it after a lost answer. */
    static final String METADATA_TYPE = "vigil_outbox";

    /**
     * What a call came to. {@code httpStatus} is 200 for answers Slack gave ({@code ok} or an
     * {@code error} code), the HTTP status otherwise, and 0 when no answer came (a timeout or a broken
     * connection: the call may or may not have taken effect).
     */
    public record Answer(int httpStatus, boolean ok, String error, Duration retryAfter, String channel, String ts) {

        static Answer noAnswer(String why) {
            return new Answer(0, false, why, null, null, null);
        }

        public boolean unknownOutcome() {
            return httpStatus == 0;
        }

        /** For logs and the timeline. */
        public String describe() {
            if (ok) {
                return "ok";
            }
            if (httpStatus == 0) {
                return "no answer (" + error + ")";
            }
            return httpStatus == 200 ? "Slack error " + error : "HTTP " + httpStatus
                    + (retryAfter != null ? " (Retry-After " + retryAfter.toSeconds() + " s)" : "");
        }
    }

    @Inject
    SlackSettings settings;

    private MethodsClient methods;
    private Slack slack;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl().endsWith("/") ? settings.apiUrl() : settings.apiUrl() + "/");
        int timeout = (int) settings.timeout().toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        slack = Slack.getInstance(config);
        methods = slack.methods(settings.botToken().orElseThrow());
    }

    void stop(@Observes ShutdownEvent event) {
        if (slack != null) {
            try {
                slack.close();
            } catch (Exception e) {
                // closing an HTTP client at shutdown: nothing to do about a failure
            }
        }
    }

    public Answer postMessage(String channel, SlackMessages.Rendered message, String outboxId) {
        return call(() -> {
            ChatPostMessageResponse r = methods.chatPostMessage(b -> b.channel(channel).text(message.text())
                    .blocksAsString(message.blocks()).unfurlLinks(false).unfurlMedia(false)
                    .metadata(outboxId == null ? null : new Message.Metadata(METADATA_TYPE, Map.of("id", outboxId))));
            return answer(r, r.getChannel(), r.getTs());
        });
    }

    public Answer update(String channel, String ts, SlackMessages.Rendered message) {
        return call(() -> {
            ChatUpdateResponse r = methods.chatUpdate(b -> b.channel(channel).ts(ts).text(message.text())
                    .blocksAsString(message.blocks()));
            return answer(r, r.getChannel(), r.getTs());
        });
    }

    public Answer createChannel(String name, boolean isPrivate) {
        return call(() -> {
            ConversationsCreateResponse r = methods.conversationsCreate(b -> b.name(name).isPrivate(isPrivate));
            return answer(r, r.getChannel() == null ? null : r.getChannel().getId(), null);
        });
    }

    public Answer invite(String channel, String slackUserId) {
        return call(() -> {
            var r = methods.conversationsInvite(b -> b.channel(channel).users(List.of(slackUserId)));
            return answer(r, channel, null);
        });
    }

    /** The conversation id of the bot's direct messages with someone ({@code conversations.open}). */
    public Answer openDm(String slackUserId) {
        return call(() -> {
            var r = methods.conversationsOpen(b -> b.users(List.of(slackUserId)));
            return answer(r, r.getChannel() == null ? null : r.getChannel().getId(), null);
        });
    }

    public Answer postEphemeral(String channel, String slackUserId, String text) {
        return call(() -> {
            var r = methods.chatPostEphemeral(b -> b.channel(channel).user(slackUserId).text(text));
            return answer(r, channel, r.getMessageTs());
        });
    }

    /**
     * Looks for the message an outbox row posted among the conversation's latest 200, by its metadata:
     * after an answer that never came, this tells "posted, the answer was lost" from "never posted".
     * (Not by time: our clock and Slack's need not agree.) Empty when not found; an exception when Slack
     * cannot be asked.
     */
    public Optional<Answer> findPosted(String channel, String outboxId) throws IOException {
        ConversationsHistoryResponse r;
        try {
            r = methods.conversationsHistory(b -> b.channel(channel).includeAllMetadata(true).limit(200));
        } catch (SlackApiException e) {
            throw new IOException("conversations.history: HTTP " + e.getResponse().code(), e);
        }
        if (!r.isOk()) {
            throw new IOException("conversations.history: " + r.getError());
        }
        return r.getMessages() == null ? Optional.empty() : r.getMessages().stream()
                .filter(m -> m.getMetadata() != null && METADATA_TYPE.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null
                        && outboxId.equals(String.valueOf(m.getMetadata().getEventPayload().get("id"))))
                .findFirst().map(m -> new Answer(200, true, null, null, channel, m.getTs()));
    }

    private interface Call {
        Answer run() throws IOException, SlackApiException;
    }

    private static Answer call(Call call) {
        try {
            return call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            String retryAfter = e.getResponse().header("Retry-After");
            Duration wait = null;
            if (retryAfter != null) {
                try {
                    wait = Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
                } catch (NumberFormatException ignored) {
                    // an unreadable Retry-After falls back to the normal backoff
                }
            }
            String error = e.getError() != null ? e.getError().getError() : null;
            return new Answer(status, false, error, wait, null, null);
        } catch (IOException e) {
            return Answer.noAnswer(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (RuntimeException e) {
            return Answer.noAnswer(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static Answer answer(SlackApiTextResponse response, String channel, String ts) {
        return new Answer(200, response.isOk(), response.getError(), null, channel, ts);
    }
}
