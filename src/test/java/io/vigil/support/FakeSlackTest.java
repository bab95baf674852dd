package io.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.model.Message;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Slack SDK (1.47.0), configured as Vigil configures it, against {@link FakeSlack}.
 *
 * <p>What these tests pin down about the SDK's synchronous {@link MethodsClient}:
 * <ul>
 * <li>Every Web API method is sent {@code application/x-www-form-urlencoded} with
 *     {@code Authorization: Bearer <token>}; {@code blocks} and {@code metadata} arrive as JSON strings
 *     inside the form (metadata as {@code {"event_type":…,"event_payload":{…}}}). chat.postMessage also
 *     sends defaults: {@code link_names=0, mrkdwn=1, reply_broadcast=0, unfurl_links=0, unfurl_media=0}.</li>
 * <li>Any HTTP status other than 200 (429, 5xx) is thrown as {@link SlackApiException}: the status is
 *     {@code e.getResponse().code()}, Retry-After is {@code e.getResponse().header("Retry-After")} (a
 *     String), and {@code e.getError()} is the parsed JSON body ({@code getError().getError()} is
 *     "ratelimited" for the 429) or null when the body is no JSON (the 5xx "upstream error"). No retry.</li>
 * <li>HTTP 200 with {@code ok:false} is no exception: a response with {@code isOk()} false and
 *     {@code getError()} the code.</li>
 * <li>No answer in time is an {@link java.io.IOException}: with the call timeout set (as Vigil sets call,
 *     read and write timeouts alike) it is {@code java.io.InterruptedIOException: timeout} (cause
 *     {@code java.net.SocketException: Socket closed}); with only a read timeout it is its subclass
 *     {@code java.net.SocketTimeoutException: Read timed out}.</li>
 * <li>With stats enabled (the SDK's default), the first call for a token is preceded by an
 *     {@code auth.test} of the SDK's own, which takes a queued fault: Vigil turns stats off.</li>
 * </ul>
 */
class FakeSlackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOCKS = """
            [{"type":"section","text":{"type":"mrkdwn","text":"*SEV1* payments down — ünïcode & = + %"}},\
            {"type":"actions","elements":[{"type":"button","action_id":"ack","text":{"type":"plain_text","text":"Acknowledge"}}]}]""";

    private FakeSlack fake;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        slack = Slack.getInstance(config(2_000));
        methods = slack.methods(FakeSlack.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    /** As SlackWebApi builds it. */
    private SlackConfig config(int timeoutMillis) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setHttpClientCallTimeoutMillis(timeoutMillis);
        config.setHttpClientReadTimeoutMillis(timeoutMillis);
        config.setHttpClientWriteTimeoutMillis(timeoutMillis);
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        return config;
    }

    @Test
    void aDmIsPostedUpdatedAndFoundAgainByItsMetadata() throws Exception {
        assertThat(fake.apiUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/");

        ChatPostMessageResponse posted = methods.chatPostMessage(b -> b.channel("U123").text("SEV1 payments down")
                .blocksAsString(BLOCKS).metadata(new Message.Metadata("vigil_page", Map.of("outboxId", "x"))));

        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getChannel()).isEqualTo("D123");
        assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
        FakeSlack.Call call = fake.succeeded("chat.postMessage").get(0);
        assertThat(call.token()).isEqualTo(FakeSlack.BOT_TOKEN);
        assertThat(call.param("channel")).isEqualTo("U123");
        assertThat(call.json("blocks")).isEqualTo(JSON.readTree(BLOCKS)); // survived the form encoding intact
        assertThat(call.json("metadata").path("event_type").asText()).isEqualTo("vigil_page");
        assertThat(call.json("metadata").path("event_payload").path("outboxId").asText()).isEqualTo("x");
        assertThat(call.json("absent")).isNull();
        assertThat(call.everything()).contains("payments down").contains("vigil_page");

        ChatUpdateResponse updated = methods.chatUpdate(b -> b.channel(posted.getChannel()).ts(posted.getTs())
                .text("SEV1 payments down — acknowledged").blocksAsString("[]"));
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getTs()).isEqualTo(posted.getTs());
        List<JsonNode> stored = fake.messages("D123");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("text").asText()).isEqualTo("SEV1 payments down — acknowledged");
        assertThat(stored.get(0).path("metadata").path("event_type").asText()).isEqualTo("vigil_page");
        // the same DM can be named by the user id too; an unknown ts is message_not_found
        assertThat(methods.chatUpdate(b -> b.channel("U123").ts(posted.getTs()).text("again")).isOk()).isTrue();
        ChatUpdateResponse missing = methods.chatUpdate(b -> b.channel("D123").ts("1.000000").text("x"));
        assertThat(missing.isOk()).isFalse();
        assertThat(missing.getError()).isEqualTo("message_not_found");

        ConversationsHistoryResponse history = methods.conversationsHistory(b -> b.channel("D123")
                .includeAllMetadata(true).limit(200));
        assertThat(history.isOk()).isTrue();
        assertThat(history.getMessages()).hasSize(1);
        Message found = history.getMessages().get(0);
        assertThat(found.getTs()).isEqualTo(posted.getTs());
        assertThat(found.getText()).isEqualTo("again");
        assertThat(found.getMetadata().getEventType()).isEqualTo("vigil_page");
        assertThat(found.getMetadata().getEventPayload()).containsEntry("outboxId", "x");
        // without include_all_metadata Slack leaves the metadata out
        assertThat(methods.conversationsHistory(b -> b.channel("D123")).getMessages().get(0).getMetadata()).isNull();
    }

    @Test
    void timestampsIncreaseAndHistoryIsNewestFirstAfterOldestUpToLimit() throws Exception {
        String first = methods.chatPostMessage(b -> b.channel("U7").text("one")).getTs();
        String second = methods.chatPostMessage(b -> b.channel("U7").text("two")).getTs();
        String third = methods.chatPostMessage(b -> b.channel("D7").text("three")).getTs();
        assertThat(new BigDecimal(second)).isGreaterThan(new BigDecimal(first));
        assertThat(new BigDecimal(third)).isGreaterThan(new BigDecimal(second));

        assertThat(methods.conversationsHistory(b -> b.channel("U7")).getMessages()).extracting(Message::getText)
                .containsExactly("three", "two", "one");
        assertThat(methods.conversationsHistory(b -> b.channel("D7").oldest(first)).getMessages())
                .extracting(Message::getText).containsExactly("three", "two");
        assertThat(methods.conversationsHistory(b -> b.channel("D7").limit(1)).getMessages())
                .extracting(Message::getText).containsExactly("three");

        var unknown = methods.chatPostMessage(b -> b.channel("C0NOSUCHONE").text("x"));
        assertThat(unknown.isOk()).isFalse();
        assertThat(unknown.getError()).isEqualTo("channel_not_found");
        var ephemeral = methods.chatPostEphemeral(b -> b.channel("C0ANY").user("U7").text("only you"));
        assertThat(ephemeral.isOk()).isTrue();
        assertThat(new BigDecimal(ephemeral.getMessageTs())).isGreaterThan(new BigDecimal(third));
        var dm = methods.conversationsOpen(b -> b.users(List.of("U7")));
        assertThat(dm.getChannel().getId()).isEqualTo("D7");
        AuthTestResponse auth = methods.authTest(b -> b);
        assertThat(auth.getUserId()).isEqualTo("UBOT");
        assertThat(auth.getTeamId()).isEqualTo("T0VIGIL");
        assertThat(auth.getBotId()).isEqualTo("B0VIGIL");
    }

    @Test
    void channelsAreCreatedOnceAndMembersInvitedOnce() throws Exception {
        ConversationsCreateResponse created = methods.conversationsCreate(b -> b.name("inc-42-payments").isPrivate(true));
        assertThat(created.isOk()).isTrue();
        String id = created.getChannel().getId();
        assertThat(id).matches("C[A-Z0-9]{10}");
        assertThat(created.getChannel().getName()).isEqualTo("inc-42-payments");
        assertThat(created.getChannel().isPrivate()).isTrue();
        assertThat(fake.channelIdByName("inc-42-payments")).contains(id);
        assertThat(fake.isPrivate(id)).isTrue();
        assertThat(fake.members(id)).containsExactly("UBOT");

        ConversationsCreateResponse again = methods.conversationsCreate(b -> b.name("inc-42-payments").isPrivate(true));
        assertThat(again.isOk()).isFalse();
        assertThat(again.getError()).isEqualTo("name_taken");
        ConversationsCreateResponse invalid = methods.conversationsCreate(b -> b.name("Inc 42!").isPrivate(false));
        assertThat(invalid.getError()).isEqualTo("invalid_name_specials");
        ConversationsCreateResponse open = methods.conversationsCreate(b -> b.name("inc-43").isPrivate(false));
        assertThat(open.getChannel().isPrivate()).isFalse();
        assertThat(fake.isPrivate(open.getChannel().getId())).isFalse();
        assertThat(open.getChannel().getId()).isNotEqualTo(id);

        ConversationsInviteResponse invited = methods.conversationsInvite(b -> b.channel(id).users(List.of("U1", "U2")));
        assertThat(invited.isOk()).isTrue();
        assertThat(invited.getChannel().getId()).isEqualTo(id);
        assertThat(fake.calls("conversations.invite").get(0).param("users")).isEqualTo("U1,U2");
        assertThat(fake.members(id)).containsExactlyInAnyOrder("UBOT", "U1", "U2");
        ConversationsInviteResponse twice = methods.conversationsInvite(b -> b.channel(id).users(List.of("U1", "U2")));
        assertThat(twice.isOk()).isFalse();
        assertThat(twice.getError()).isEqualTo("already_in_channel");
        assertThat(methods.conversationsInvite(b -> b.channel("C0NOSUCHONE").users(List.of("U1"))).getError())
                .isEqualTo("channel_not_found");

        // messages to the new channel are stored under its id
        methods.chatPostMessage(b -> b.channel(id).text("incident channel"));
        assertThat(fake.messages(id)).extracting(m -> m.path("text").asText()).containsExactly("incident channel");
        assertThat(fake.messages(id).get(0).path("channel").asText()).isEqualTo(id);
    }

    @Test
    void rateLimitsAndServerErrorsAreThrownAsSlackApiExceptionWithStatusAndRetryAfter() throws Exception {
        fake.rateLimitNext(1, 2);
        fake.failNext(1, 500);

        // 429: SlackApiException, never a response; the SDK's sync client does not retry
        Throwable limited = catchThrowable(() -> methods.chatPostMessage(b -> b.channel("U1").text("a")));
        assertThat(limited).isInstanceOf(SlackApiException.class);
        SlackApiException e429 = (SlackApiException) limited;
        assertThat(e429.getResponse().code()).isEqualTo(429);
        assertThat(e429.getResponse().header("Retry-After")).isEqualTo("2");
        assertThat(e429.getError().getError()).isEqualTo("ratelimited");

        // 5xx: SlackApiException too; the plain body does not parse, so getError() is null
        Throwable failed = catchThrowable(() -> methods.chatPostMessage(b -> b.channel("U1").text("b")));
        assertThat(failed).isInstanceOf(SlackApiException.class);
        SlackApiException e500 = (SlackApiException) failed;
        assertThat(e500.getResponse().code()).isEqualTo(500);
        assertThat(e500.getResponse().header("Retry-After")).isNull();
        assertThat(e500.getError()).isNull();
        assertThat(e500.getResponseBody()).isEqualTo("upstream error");

        // then it works, and only that one took effect
        assertThat(methods.chatPostMessage(b -> b.channel("U1").text("c")).isOk()).isTrue();
        assertThat(fake.messages("D1")).extracting(m -> m.path("text").asText()).containsExactly("c");
        assertThat(fake.calls("chat.postMessage")).extracting(FakeSlack.Call::httpStatus).containsExactly(429, 500, 200);
        assertThat(fake.calls()).extracting(FakeSlack.Call::error).containsExactly("ratelimited", null, null);
        assertThat(fake.succeeded("chat.postMessage")).hasSize(1);

        // a Slack error for one method: HTTP 200 ok:false, a response and no exception, nothing done
        fake.errorNext("chat.update", "cant_update_message");
        String ts = fake.messages("D1").get(0).path("ts").asText();
        assertThat(methods.authTest(b -> b).isOk()).isTrue(); // another method is not affected
        ChatUpdateResponse refused = methods.chatUpdate(b -> b.channel("D1").ts(ts).text("changed"));
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.getError()).isEqualTo("cant_update_message");
        assertThat(fake.messages("D1").get(0).path("text").asText()).isEqualTo("c");
        assertThat(methods.chatUpdate(b -> b.channel("D1").ts(ts).text("changed")).isOk()).isTrue();

        // an outage until a moment: every method fails until then
        fake.failUntil(Instant.now().plusMillis(300), 503);
        Throwable down = catchThrowable(() -> methods.authTest(b -> b));
        assertThat(((SlackApiException) down).getResponse().code()).isEqualTo(503);
        Thread.sleep(350);
        assertThat(methods.authTest(b -> b).isOk()).isTrue();
    }

    @Test
    void aLateAnswerTimesOutAsAnIOExceptionThoughSlackDidIt() throws Exception {
        fake.delayNext(1, Duration.ofMillis(1_500), true);
        long start = System.nanoTime();
        Throwable late;
        try (Slack impatient = Slack.getInstance(config(500))) {
            late = catchThrowable(() -> impatient.methods(FakeSlack.BOT_TOKEN)
                    .chatPostMessage(b -> b.channel("U5").text("late")));
        }
        // with the call timeout set (as Vigil sets it) okhttp's call timeout fires first:
        // java.io.InterruptedIOException "timeout"; a read timeout alone gives its subclass SocketTimeoutException
        assertThat(late).isExactlyInstanceOf(InterruptedIOException.class).hasMessage("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
        // Slack did it, the answer was just late
        assertThat(fake.messages("D5")).extracting(m -> m.path("text").asText()).containsExactly("late");
        // the call is recorded once its (late) answer is written, as a success
        fake.await(Duration.ofSeconds(3), calls -> calls.size() == 1 && calls.get(0).succeeded());

        // a read timeout alone
        SlackConfig readOnly = config(500);
        readOnly.setHttpClientCallTimeoutMillis(0);
        fake.delayNext(1, Duration.ofMillis(800), true);
        try (Slack impatient = Slack.getInstance(readOnly)) {
            late = catchThrowable(() -> impatient.methods(FakeSlack.BOT_TOKEN).authTest(b -> b));
        }
        assertThat(late).isInstanceOf(SocketTimeoutException.class);

        // late and not done: after the delay a 504, and nothing stored
        fake.delayNext(1, Duration.ofMillis(300), false);
        Throwable notDone = catchThrowable(() -> methods.chatPostMessage(b -> b.channel("U6").text("lost")));
        assertThat(((SlackApiException) notDone).getResponse().code()).isEqualTo(504);
        assertThat(fake.messages("D6")).isEmpty();
        assertThat(fake.calls().get(fake.calls().size() - 1).httpStatus()).isEqualTo(504);
    }

    @Test
    void callsAreListedInArrivalOrderAndResetForgetsEvenOnesStillBeingAnswered() throws Exception {
        fake.delayNext(1, Duration.ofMillis(600), true);
        Thread slow = new Thread(() -> {
            try {
                methods.chatPostMessage(b -> b.channel("U1").text("slow"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slow.start();
        Thread.sleep(150); // the slow one has arrived and holds its delay
        assertThat(methods.chatPostMessage(b -> b.channel("U2").text("fast")).isOk()).isTrue(); // not blocked
        assertThat(fake.calls()).extracting(FakeSlack.Call::method).containsExactly("chat.postMessage");
        slow.join(3_000);
        List<FakeSlack.Call> calls = fake.calls();
        assertThat(calls).extracting(c -> c.param("text")).containsExactly("slow", "fast");
        assertThat(calls.get(0).seq()).isLessThan(calls.get(1).seq());
        assertThat(calls.get(0).at()).isBeforeOrEqualTo(calls.get(1).at());

        fake.delayNext(1, Duration.ofMillis(400), true);
        fake.rateLimitNext(5, 1);
        fake.errorNext("auth.test", "fatal_error");
        Thread slowAgain = new Thread(() -> {
            try {
                methods.chatPostMessage(b -> b.channel("U3").text("in flight at reset"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        slowAgain.start();
        Thread.sleep(150);
        fake.reset();
        slowAgain.join(3_000);
        assertThat(fake.calls()).isEmpty();
        assertThat(fake.messages("D1")).isEmpty();
        assertThat(methods.authTest(b -> b).isOk()).isTrue(); // faults and method errors are gone too
        assertThat(fake.calls()).hasSize(1);

        Throwable timeout = catchThrowable(() -> fake.await(Duration.ofMillis(100), c -> c.size() > 5));
        assertThat(timeout).isInstanceOf(AssertionError.class).hasMessageContaining("auth.test");
    }

    @Test
    void aWrongOrMissingTokenIsInvalidAuthAndChangesNothing() throws Exception {
        MethodsClient stranger = slack.methods("xoxb-someone-else");
        ChatPostMessageResponse refused = stranger.chatPostMessage(b -> b.channel("U1").text("hello"));
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.getError()).isEqualTo("invalid_auth");
        assertThat(fake.messages("D1")).isEmpty();
        assertThat(fake.calls().get(0).token()).isEqualTo("xoxb-someone-else");
        assertThat(fake.calls().get(0).httpStatus()).isEqualTo(200);
        assertThat(fake.calls().get(0).succeeded()).isFalse();
        assertThat(fake.calls().get(0).error()).isEqualTo("invalid_auth");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("channel=U1&text=hi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).path("error").asText()).isEqualTo("invalid_auth");
        assertThat(fake.calls().get(1).token()).isNull();
        assertThat(fake.messages("D1")).isEmpty();
    }

    @Test
    void jsonBodiesAndTheTokenParameterAreUnderstoodTooAndUnknownMethodsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + FakeSlack.BOT_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"W9","text":"from json","blocks":[{"type":"divider"}],"unfurl_links":false}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(JSON.readTree(json.body()).path("channel").asText()).isEqualTo("D9");
        FakeSlack.Call call = fake.calls().get(0);
        assertThat(call.param("blocks")).isEqualTo("[{\"type\":\"divider\"}]");
        assertThat(call.param("unfurl_links")).isEqualTo("false");
        assertThat(fake.messages("D9").get(0).path("blocks").get(0).path("type").asText()).isEqualTo("divider");

        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "auth.test"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + FakeSlack.BOT_TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(form.body()).path("ok").asBoolean()).isTrue();

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.meow"))
                .header("Authorization", "Bearer " + FakeSlack.BOT_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("unknown_method");
    }

    @Test
    void theSdkDefaultConfigSendsAnAuthTestOfItsOwnFirstWhichWouldTakeAQueuedFault() throws Exception {
        SlackConfig defaults = new SlackConfig(); // stats enabled, as Vigil does NOT run it
        defaults.setMethodsEndpointUrlPrefix(fake.apiUrl());
        try (Slack withStats = Slack.getInstance(defaults)) {
            assertThat(withStats.methods(FakeSlack.BOT_TOKEN).chatPostMessage(b -> b.channel("U1").text("x")).isOk())
                    .isTrue();
        }
        fake.await(Duration.ofSeconds(2), calls -> calls.stream().anyMatch(c -> c.method().equals("auth.test")));
    }
}
