package io.vigil.slack;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.PagingScene.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.FakeSlack;
import io.vigil.support.PagingScene;
import io.vigil.support.SlackRequests;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every slash command, through the signed endpoint, with what it answers and what it changes. */
@QuarkusTest
class SlackCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    private final FakeSlack slack = FakeSlack.shared();
    private PagingScene scene;

    @BeforeEach
    void setTheScene() {
        scene = new PagingScene(clock, true);
        scene.defaultLadder(0, "PT5M");
    }

    @AfterEach
    void restore() {
        scene.close();
    }

    @Test
    void helpListsEveryCommand() {
        command(scene.commander, "C0ANY", "/incident", "help").then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("/incident declare")).body("text", containsString("/incident status"))
                .body("text", containsString("/incident sev")).body("text", containsString("/incident note"))
                .body("text", containsString("/oncall"));
        command(scene.commander, "C0ANY", "/incident", "").then().statusCode(200)
                .body("text", containsString("/incident declare"));
    }

    @Test
    void declareCreatesTheIncidentItsChannelAndItsPage() {
        String title = "Coordinated spam wave " + scene.story;
        String reply = command(scene.commander, "C0ANY", "/incident", "declare sev2 emea " + scene.category + " " + title)
                .then().statusCode(200).body("response_type", equalTo("ephemeral")).extract().path("text");
        assertThat(reply).contains("Declared SEV2 INC-").contains(title).contains("channel is being created");
        Map<String, Object> incident = incidentTitled(title);
        assertThat(incident).containsEntry("severity", "SEV2").containsEntry("region", "EMEA")
                .containsEntry("category", scene.category);
        assertThat(((Map<?, ?>) incident.get("declaredBy")).get("id")).isEqualTo(scene.commander.id().toString());
        String ref = (String) incident.get("reference");
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded()
                && c.method().equals("conversations.create") && c.param("name").startsWith(ref.toLowerCase() + "-coordinated-spam-wave")));
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded() && c.method().equals("chat.postMessage")
                && scene.primary.slackUserId().equals(c.param("channel"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "declare|A declaration needs a severity, a region and a title.",
            "declare sev9 emea Something|'sev9' is not a severity.",
            "declare sev1 mars Something|'mars' is not a region.",
            "declare sev1 emea|A declaration needs",
            "status|Say which status.",
            "status sleeping|'sleeping' is not a status.",
            "sev 2|Say why the severity changes.",
            "sev eleven spreading|'eleven' is not a severity.",
            "note|The note is empty.",
            "frobnicate now|'frobnicate' is not an /incident command."})
    void malformedCommandsSayWhatToTypeAndChangeNothing(String text, String problem) {
        long before = incidentCount();
        command(scene.commander, "C0ANY", "/incident", text).then().statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString(problem)).body("text", containsString("Type: `/incident"));
        assertThat(incidentCount()).isEqualTo(before);
    }

    @Test
    void statusSevAndNoteWorkInsideTheIncidentChannelOnly() {
        String incident = scene.declare("SEV1");
        String ref = asAdmin().get("/api/v1/incidents/" + incident).then().statusCode(200).extract().path("reference");
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded()
                && c.method().equals("conversations.create") && c.param("name").startsWith(ref.toLowerCase())));
        String channel = slack.channelIdByName(slack.succeeded("conversations.create").stream()
                .filter(c -> c.param("name").startsWith(ref.toLowerCase())).findFirst().orElseThrow().param("name"))
                .orElseThrow();
        awaitLinked(channel);

        command(scene.commander, "C0ELSEWHERE", "/incident", "status investigating").then().statusCode(200)
                .body("text", containsString("inside an incident's channel"));

        command(scene.commander, channel, "/incident", "status investigating looking at the classifier")
                .then().statusCode(200).body("text", containsString(ref + " is now INVESTIGATING"));
        asAdmin().get("/api/v1/incidents/" + incident).then().body("status", equalTo("INVESTIGATING"));
        slack.await(WAIT, calls -> calls.stream().anyMatch(c -> c.succeeded() && c.method().equals("chat.postMessage")
                && channel.equals(c.param("channel")) && c.param("text").contains("INVESTIGATING")
                && c.param("text").contains("looking at the classifier")));

        command(scene.commander, channel, "/incident", "sev sev2 contained to one region").then().statusCode(200)
                .body("text", containsString("is now SEV2"));
        asAdmin().get("/api/v1/incidents/" + incident).then().body("severity", equalTo("SEV2"));

        command(scene.commander, channel, "/incident", "note Legal has been told; ETA 20 min").then().statusCode(200)
                .body("text", containsString("Added to the timeline"));
        List<Map<String, Object>> notes = asAdmin().queryParam("limit", 200)
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200).extract()
                .path("items.findAll { it.type == 'NOTE' }");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("text")).isEqualTo("Legal has been told; ETA 20 min");
        assertThat(((Map<?, ?>) notes.get(0).get("actor")).get("id")).isEqualTo(scene.commander.id().toString());

        // a move the lifecycle forbids is refused with the same words as REST, and changes nothing
        command(scene.commander, channel, "/incident", "status closed").then().statusCode(200)
                .body("text", containsString("cannot move an incident from INVESTIGATING to CLOSED"));
        assertThat(timeline(incident).stream().filter("STATUS_CHANGED"::equals)).hasSize(1);
    }

    @Test
    void oncallSaysWhoHoldsThePagerAndTheNextHandoff() {
        String active = command(scene.commander, "C0ANY", "/oncall", "").then().statusCode(200)
                .body("response_type", equalTo("ephemeral")).extract().path("text");
        assertThat(active).contains("Active region: *EMEA*")
                .contains("Primary: <@" + scene.primary.slackUserId() + ">")
                .contains("Secondary: <@" + scene.secondary.slackUserId() + ">")
                .contains("Next handoff:");
        String emea = command(scene.commander, "C0ANY", "/oncall", "emea").then().statusCode(200).extract().path("text");
        assertThat(emea).contains("*EMEA*").contains("<@" + scene.primary.slackUserId() + ">");
        command(scene.commander, "C0ANY", "/oncall", "mars").then().statusCode(200)
                .body("text", containsString("'mars' is not a region.")).body("text", containsString("/oncall ["));
    }

    @Test
    void aSlackUserVigilDoesNotKnowCanDoNothing() {
        long before = incidentCount();
        command(new TestUser(null, "stranger", null, "UNKNOWN" + scene.story), "C0ANY", "/incident",
                "declare sev1 emea Something bad").then().statusCode(200)
                .body("text", containsString("not linked to a Vigil user"));
        assertThat(incidentCount()).isEqualTo(before);
    }

    @Test
    void aLeaderCannotDeclareFromSlackEither() {
        TestUser leader = Api.slackUser("LEADERSHIP");
        command(leader, "C0ANY", "/incident", "declare sev1 emea Something bad").then().statusCode(200)
                .body("text", containsString("declaring an incident needs"));
    }

    private Response command(TestUser who, String channel, String command, String text) {
        return SlackRequests.command(clock.instant(), who.slackUserId(), channel, command, text);
    }

    /** Commands find their incident by the channel id once the channel exists. */
    private void awaitLinked(String channel) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            String text = command(scene.commander, channel, "/incident", "status").then().extract().path("text");
            if (!text.contains("inside an incident's channel")) {
                return;
            }
            SlackPagingScenarioTest.sleep(50);
        }
        throw new AssertionError("channel " + channel + " never linked to its incident");
    }

    private static long incidentCount() {
        return ((Number) asAdmin().get("/api/v1/incidents/counts").then().statusCode(200).extract().path("total"))
                .longValue();
    }

    private Map<String, Object> incidentTitled(String title) {
        List<Map<String, Object>> found = asAdmin().queryParam("limit", 200).queryParam("category", scene.category)
                .get("/api/v1/incidents").then()
                .statusCode(200).extract().path("items.findAll { it.title == '" + title + "' }");
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
