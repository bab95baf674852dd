package io.vigil.slack;

import static io.vigil.support.PagingScene.page;
import static io.vigil.support.PagingScene.timeline;
import static io.vigil.support.PagingScene.timelineText;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.support.FakeSlack;
import io.vigil.support.FakeSlack.Call;
import io.vigil.support.PagingScene;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack slow, rate-limiting or down delays a page and never loses or doubles it, and never holds
 * escalation back. Runs in real time (the outage is real seconds), with PT10S levels.
 */
@QuarkusTest
class SlackOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

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
    void aRateLimitThenServerErrorsDelayEveryDmButDeliverEachExactlyOnceAndEscalationKeepsTime() {
        scene.defaultLadder(0, "PT10S");
        Instant outageStart = Instant.now();
        slack.rateLimitNext(1, 2);
        slack.failUntil(outageStart.plusSeconds(12), 500);
        String incident = scene.declare("SEV3"); // no channel: every Slack call of this story is a DM

        // the ladder climbs on time while Slack answers nothing but errors
        JsonPath page = awaitPage(incident, p -> p.getList("notifications.findAll { it.channel == 'SLACK' }").size() >= 3);
        Instant first = Instant.parse(page.getString("notifications.find { it.level == 1 }.sentAt"));
        Instant second = Instant.parse(page.getString("notifications.find { it.level == 2 }.sentAt"));
        Instant third = Instant.parse(page.getString("notifications.find { it.level == 3 }.sentAt"));
        assertThat(Duration.between(first, second)).isBetween(Duration.ofMillis(9_900), Duration.ofMillis(12_500));
        assertThat(Duration.between(second, third)).isBetween(Duration.ofMillis(9_900), Duration.ofMillis(12_500));
        String pageId = page.getString("id");

        // Slack is back: everything arrives, once each
        awaitPage(incident, p -> p.<String>getList("notifications.findAll { it.channel == 'SLACK' }.status").stream()
                .allMatch("DELIVERED"::equals));
        scene.primary.request().post("/api/v1/pages/" + pageId + "/ack").then().statusCode(200);
        for (var who : List.of(scene.primary, scene.secondary, scene.manager)) {
            assertThat(slack.succeeded("chat.postMessage").stream()
                    .filter(c -> who.slackUserId().equals(c.param("channel")))).as(who.handle()).hasSize(1);
        }

        // the 429 was honoured: this instance made no call for the two seconds Slack asked for
        List<Call> during = slack.calls().stream().filter(c -> !c.at().isBefore(outageStart)).toList();
        Call limited = during.stream().filter(c -> c.httpStatus() == 429).findFirst().orElseThrow();
        Call next = during.stream().filter(c -> c.seq() > limited.seq()).findFirst().orElseThrow();
        assertThat(Duration.between(limited.at(), next.at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(during.stream().filter(c -> c.httpStatus() == 500)).isNotEmpty();

        // and the timeline told the story as it happened
        assertThat(timeline(incident)).contains("DELIVERY_FAILED");
        assertThat(timelineText(incident, "DELIVERY_FAILED")).contains("SLACK").contains("retrying");
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundAgainNotSentTwice() {
        scene.defaultLadder(0, "PT5M");
        // Slack posts the DM but answers after the client gave up (the test timeout is 2 s)
        slack.delayNext(1, Duration.ofSeconds(3), true);
        String incident = scene.declare("SEV3");
        JsonPath page = awaitPage(incident, p -> "DELIVERED".equals(
                p.getString("notifications.find { it.channel == 'SLACK' }.status")));
        String pageId = page.getString("id");
        String conversation = "D" + scene.primary.slackUserId().substring(1);
        assertThat(slack.messages(conversation).stream()
                .filter(m -> m.path("blocks").toString().contains(pageId))).hasSize(1);
        assertThat(slack.calls("conversations.history")).isNotEmpty();
        assertThat(slack.calls("chat.postMessage").stream()
                .filter(c -> scene.primary.slackUserId().equals(c.param("channel")))).hasSize(1);
    }

    private static JsonPath awaitPage(String incident, java.util.function.Predicate<JsonPath> condition) {
        long until = System.nanoTime() + WAIT.toNanos();
        JsonPath page = page(incident);
        while (!condition.test(page)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the page never got there: " + page.prettify());
            }
            SlackPagingScenarioTest.sleep(100);
            page = page(incident);
        }
        return page;
    }
}
