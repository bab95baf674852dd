package io.vigil.slack;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.PagingScene.page;
import static io.vigil.support.PagingScene.timelineText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.support.FakeSlack;
import io.vigil.support.FakeSlack.Call;
import io.vigil.support.PagingScene;
import io.vigil.support.SlackRequests;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paging through Slack, told as stories against the fake Slack Web API: the DM with its buttons, the
 * incident channel, one signed click acknowledging, the messages updated in place, and restricted
 * incidents saying nothing in Slack they should not.
 */
@QuarkusTest
class SlackPagingScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    private final FakeSlack slack = FakeSlack.shared();
    private PagingScene scene;

    @BeforeEach
    void setTheScene() {
        scene = new PagingScene(clock, true);
    }

    @AfterEach
    void restore() {
        scene.close();
    }

    @Test
    void aSev1DmsTheEmeaPrimaryAndOneSignedClickAcknowledgesAndUpdatesEveryMessage() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        String pageId = page(incident).getString("id");
        String ref = asAdmin().get("/api/v1/incidents/" + incident).then().statusCode(200).extract().path("reference");

        // the DM: everything the primary needs to decide, and the two buttons
        Call dm = awaitPost(c -> scene.primary.slackUserId().equals(c.param("channel")));
        String text = dm.everything();
        assertThat(text).contains(ref, "SEV1", scene.category, "EMEA", "Story " + scene.story, "/incidents/" + incident);
        assertThat(buttons(dm.json("blocks"))).containsExactly(SlackMessages.ACK_ACTION + "=" + pageId,
                SlackMessages.ESCALATE_ACTION + "=" + pageId);
        assertThat(dm.param("text")).contains(ref).contains("you are paged (level 1)");

        // the incident channel: created, the commander and the paged primary invited, the same page posted
        String channel = awaitChannel(incident, ref);
        slack.await(WAIT, calls -> invited(calls, channel, scene.commander.slackUserId())
                && invited(calls, channel, scene.primary.slackUserId()));
        Call copy = awaitPost(c -> channel.equals(c.param("channel")) && c.json("blocks").toString().contains(pageId));
        assertThat(buttons(copy.json("blocks"))).contains(SlackMessages.ACK_ACTION + "=" + pageId);
        awaitNotificationDelivered(pageId);

        // one click, answered at once
        String dmChannel = dm(scene.primary.slackUserId());
        SlackRequests.click(clock.instant(), scene.primary.slackUserId(), dmChannel, SlackMessages.ACK_ACTION, pageId).then().statusCode(200);
        awaitPageStatus(pageId, "ACKNOWLEDGED");
        assertThat(page(incident).getString("acknowledgedBy.id")).isEqualTo(scene.primary.id().toString());
        assertThat(timelineText(incident, "PAGE_ACKNOWLEDGED"))
                .contains("Acknowledged via Slack by @" + scene.primary.handle());

        // both messages now say who acknowledged, and have no buttons
        String acknowledged = "Acknowledged by <@" + scene.primary.slackUserId() + ">";
        slack.await(WAIT, calls -> latestUpdateSays(calls, dmChannel, acknowledged)
                && latestUpdateSays(calls, channel, acknowledged));
        for (String conversation : List.of(dmChannel, channel)) {
            List<JsonNode> messages = slack.messages(conversation);
            assertThat(messages).noneMatch(m -> m.path("blocks").toString().contains(pageId));
            assertThat(messages).anyMatch(m -> m.path("text").asText().contains("page acknowledged")
                    && m.path("blocks").toString().contains(acknowledged));
        }
        // exactly one DM for the one notification
        assertThat(slack.succeeded("chat.postMessage").stream()
                .filter(c -> scene.primary.slackUserId().equals(c.param("channel")))).hasSize(1);
    }

    @Test
    void escalateNowPagesTheNextLevelAndARestAcknowledgementUpdatesTheSlackMessagesToo() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV2");
        String pageId = page(incident).getString("id");
        awaitPost(c -> scene.primary.slackUserId().equals(c.param("channel")));

        SlackRequests.click(clock.instant(), scene.primary.slackUserId(), dm(scene.primary.slackUserId()),
                SlackMessages.ESCALATE_ACTION, pageId).then().statusCode(200);
        awaitPost(c -> scene.secondary.slackUserId().equals(c.param("channel")));
        JsonPath escalated = page(incident);
        assertThat(escalated.getInt("level")).as(escalated.prettify() + PagingScene.timeline(incident)).isEqualTo(2);
        assertThat(timelineText(incident, "PAGE_ESCALATED")).contains("@" + scene.primary.handle())
                .contains("escalated the page now via Slack");

        scene.secondary.request().post("/api/v1/pages/" + pageId + "/ack").then().statusCode(200);
        String acknowledged = "Acknowledged by <@" + scene.secondary.slackUserId() + ">";
        slack.await(WAIT, calls -> latestUpdateSays(calls, dm(scene.primary.slackUserId()), acknowledged)
                && latestUpdateSays(calls, dm(scene.secondary.slackUserId()), acknowledged));
    }

    @Test
    void aSlackUserVigilDoesNotKnowIsToldPrivatelyAndNothingChanges() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        String pageId = page(incident).getString("id");
        String stranger = "UNOBODY" + scene.story;
        SlackRequests.click(clock.instant(), stranger, "C0SOMEWHERE", SlackMessages.ACK_ACTION, pageId)
                .then().statusCode(200);
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.method().equals("chat.postEphemeral")
                && stranger.equals(c.param("user")) && c.param("text").contains("not linked")));
        assertThat(page(incident).getString("status")).isEqualTo("TRIGGERED");
        assertThat(PagingScene.timeline(incident)).doesNotContain("PAGE_ACKNOWLEDGED");
    }

    @Test
    void someoneTheyMayNotAcknowledgeForIsToldWhyPrivately() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        String pageId = page(incident).getString("id");
        var bystander = io.vigil.support.Api.slackUser("RESPONDER");
        SlackRequests.click(clock.instant(), bystander.slackUserId(), "C0SOMEWHERE", SlackMessages.ACK_ACTION, pageId)
                .then().statusCode(200);
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.method().equals("chat.postEphemeral")
                && bystander.slackUserId().equals(c.param("user")) && c.param("text").contains("Nothing was changed")));
        assertThat(page(incident).getString("status")).isEqualTo("TRIGGERED");
    }

    @Test
    void aRestrictedIncidentPutsOnlyItsReferenceSeverityAndLinkIntoSlack() {
        scene.defaultLadder(0, "PT5M");
        Instant start = Instant.now();
        String incident = scene.declare("SEV1", true);
        String ref = asAdmin().get("/api/v1/incidents/" + incident).then().statusCode(200).extract().path("reference");
        String number = ref.substring("INC-".length());
        String pageId = page(incident).getString("id");

        Call dm = awaitPost(c -> scene.primary.slackUserId().equals(c.param("channel")));
        assertThat(dm.everything()).contains(ref, "SEV1", "/incidents/" + incident);
        String channel = awaitChannel(incident, ref);
        assertThat(slack.isPrivate(channel)).isTrue();
        assertThat(slack.channelIdByName("inc-" + number)).contains(channel);
        awaitPost(c -> channel.equals(c.param("channel")) && c.json("blocks").toString().contains(pageId));

        scene.commander.request().body(Map.of("status", "INVESTIGATING", "reason", "SECRET-REASON-" + scene.story))
                .post("/api/v1/incidents/" + incident + "/status").then().statusCode(200);
        scene.primary.request().post("/api/v1/pages/" + pageId + "/ack").then().statusCode(200);
        slack.await(WAIT, calls -> latestUpdateSays(calls, dm(scene.primary.slackUserId()),
                "Acknowledged by"));
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded() && channel.equals(c.param("channel"))
                && c.method().equals("chat.postMessage") && c.param("text").contains("INVESTIGATING")));

        List<Call> about = slack.calls().stream().filter(c -> !c.at().isBefore(start))
                .filter(c -> c.everything().contains(ref) || c.everything().contains(channel)).toList();
        assertThat(about).hasSizeGreaterThanOrEqualTo(4);
        for (Call call : about) {
            assertThat(call.everything()).as(call.method())
                    .doesNotContain("Story " + scene.story)
                    .doesNotContain("as told by the test")
                    .doesNotContain(scene.category)
                    .doesNotContain("SECRET-REASON");
        }
    }

    // ------------------------------------------------------------------------------ helpers

    /** The fake's DM conversation with a Slack user, as Slack answers {@code chat.postMessage} to a user id. */
    private static String dm(String slackUserId) {
        return "D" + slackUserId.substring(1);
    }

    private Call awaitPost(Predicate<Call> which) {
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded() && c.method().equals("chat.postMessage")
                && which.test(c)));
        return slack.succeeded("chat.postMessage").stream().filter(which).findFirst().orElseThrow();
    }

    private String awaitChannel(String incident, String ref) {
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded() && c.method().equals("conversations.create")
                && c.param("name").startsWith(ref.toLowerCase())));
        return slack.channelIdByName(slack.succeeded("conversations.create").stream()
                .filter(c -> c.param("name").startsWith(ref.toLowerCase())).findFirst().orElseThrow().param("name"))
                .orElseThrow();
    }

    private static boolean invited(List<Call> calls, String channel, String slackUser) {
        return calls.stream().anyMatch(c -> c.method().equals("conversations.invite") && c.succeeded()
                && channel.equals(c.param("channel")) && c.param("users").contains(slackUser));
    }

    private static boolean latestUpdateSays(List<Call> calls, String channel, String text) {
        return calls.stream().filter(c -> c.method().equals("chat.update") && c.succeeded()
                        && channel.equals(c.param("channel")))
                .reduce((a, b) -> b).map(c -> c.param("blocks").contains(text)).orElse(false);
    }

    /** {@code action_id=value} of every button in the blocks. */
    private static List<String> buttons(JsonNode blocks) {
        List<String> found = new java.util.ArrayList<>();
        blocks.forEach(block -> block.path("elements").forEach(element -> {
            if ("button".equals(element.path("type").asText())) {
                found.add(element.path("action_id").asText() + "=" + element.path("value").asText());
            }
        }));
        return found;
    }

    private static void awaitPageStatus(String pageId, String status) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            String now = asAdmin().get("/api/v1/pages/" + pageId).then().statusCode(200).extract().path("status");
            if (status.equals(now)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("page " + pageId + " never became " + status);
    }

    private static void awaitNotificationDelivered(String pageId) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            List<String> statuses = asAdmin().get("/api/v1/pages/" + pageId).then().statusCode(200).extract()
                    .path("notifications.findAll { it.channel == 'SLACK' }.status");
            if (!statuses.isEmpty() && statuses.stream().allMatch("DELIVERED"::equals)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("the Slack notifications of page " + pageId + " were never DELIVERED");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
