package io.vigil.paging;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Api.changeStatus;
import static io.vigil.support.PagingScene.ackTimeout;
import static io.vigil.support.PagingScene.emeaManagedBy;
import static io.vigil.support.PagingScene.level;
import static io.vigil.support.PagingScene.page;
import static io.vigil.support.PagingScene.timeline;
import static io.vigil.support.PagingScene.timelineText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.PagingScene;
import io.vigil.support.TestClock;
import io.vigil.support.WebhookReceiver;
import io.vigil.support.WebhookReceiver.Received;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging told as stories, on a settable clock and a real webhook receiver. Each story runs far in
 * the future (the clock jumps a year and more ahead) so its overrides and region windows collide
 * with nothing else in the shared database; everything global it changes is put back afterwards.
 *
 * <p>The cast: EMEA is the active region; its PRIMARY and SECONDARY are held by overrides, it has a
 * manager, and there is a global duty lead — the spec's default ladder, L1 to L4.
 */
@QuarkusTest
class PagingScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    TestClock clock;

    @Inject
    EscalationEngine engine;

    private PagingScene scene;
    private WebhookReceiver receiver;
    private String subscriptionId;

    private TestUser commander;
    private TestUser primary;
    private TestUser secondary;
    private TestUser manager;
    private TestUser dutyLead;

    @BeforeEach
    void setTheScene() {
        scene = new PagingScene(clock, false);
        receiver = new WebhookReceiver("scenario-secret-" + Api.unique("", 16));
        subscriptionId = asAdmin().body(Map.of("url", receiver.url(), "secret", receiver.secret(), "events", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        commander = scene.commander;
        primary = scene.primary;
        secondary = scene.secondary;
        manager = scene.manager;
        dutyLead = scene.dutyLead;
    }

    @AfterEach
    void restore() {
        asAdmin().delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        scene.close();
        receiver.close();
    }

    // ------------------------------------------------------------------------------------ stories

    @Test
    void nobodyAnswersSoThePageClimbsEveryLevelTwiceThenIsExhaustedLoudly() {
        scene.defaultLadder(1, "PT5M");
        String incident = scene.declare("SEV1");
        expectNotified(incident, "page.triggered", primary, 1, 1);

        TestUser[] ladder = {primary, secondary, manager, dutyLead};
        for (int step = 1; step < 8; step++) {
            minutesPass(5);
            expectNotified(incident, "page.escalated", ladder[step % 4], step % 4 + 1, step / 4 + 1);
        }
        minutesPass(5);
        receiver.await(r -> isFor(r, incident) && r.type().equals("page.exhausted"), 1, WAIT);
        JsonPath page = page(incident);
        assertThat(page.getString("status")).isEqualTo("EXHAUSTED");
        assertThat(page.getString("nextEscalationAt")).isNull();
        assertThat(page.getList("notifications")).hasSize(8);
        assertThat(timeline(incident)).contains("PAGE_TRIGGERED", "PAGE_ESCALATED", "PAGE_EXHAUSTED");
        assertThat(timelineText(incident, "PAGE_EXHAUSTED")).contains("PAGE EXHAUSTED").contains("Nobody is responding");

        nothingMoreEver(incident);
    }

    @ParameterizedTest(name = "acknowledged at level {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void anAcknowledgementAtAnyLevelStopsThePageForGood(int level) {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        TestUser[] ladder = {primary, secondary, manager, dutyLead};
        expectNotified(incident, "page.triggered", primary, 1, 1);
        for (int l = 2; l <= level; l++) {
            minutesPass(5);
            expectNotified(incident, "page.escalated", ladder[l - 1], l, 1);
        }
        String pageId = page(incident).getString("id");
        TestUser bystander = Api.user("RESPONDER");
        bystander.request().post("/api/v1/pages/" + pageId + "/ack").then().statusCode(403);

        TestUser answering = ladder[level - 1];
        for (int again = 0; again < 2; again++) { // the second acknowledgement changes nothing
            answering.request().post("/api/v1/pages/" + pageId + "/ack").then().log().ifValidationFails()
                    .statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("level", equalTo(level))
                    .body("acknowledgedBy.id", equalTo(answering.id().toString()))
                    .body("nextEscalationAt", equalTo(null));
        }
        receiver.await(r -> isFor(r, incident) && r.type().equals("page.acknowledged"), 1, WAIT);
        assertThat(timeline(incident).stream().filter("PAGE_ACKNOWLEDGED"::equals)).hasSize(1);
        assertThat(timelineText(incident, "PAGE_ACKNOWLEDGED")).contains("@" + answering.handle());
        asAdmin().get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());

        nothingMoreEver(incident);
        assertThat(receiver.received(r -> isFor(r, incident) && r.type().equals("page.acknowledged")).stream()
                .map(Received::eventId).distinct()).hasSize(1);
    }

    @Test
    void resolvingTheIncidentStopsItsPage() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV2");
        expectNotified(incident, "page.triggered", primary, 1, 1);
        minutesPass(5);
        expectNotified(incident, "page.escalated", secondary, 2, 1);

        for (String status : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            changeStatus(commander.request(), incident, status).then().statusCode(200);
        }
        assertThat(page(incident).getString("status")).isEqualTo("RESOLVED");
        receiver.await(r -> isFor(r, incident) && r.type().equals("page.resolved"), 1, WAIT);
        assertThat(timeline(incident)).contains("PAGE_RESOLVED");
        nothingMoreEver(incident);
    }

    @Test
    void cancellingTheIncidentStopsItsPage() {
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        expectNotified(incident, "page.triggered", primary, 1, 1);
        commander.request().body(Map.of("status", "CANCELLED", "reason", "false alarm"))
                .post("/api/v1/incidents/" + incident + "/status").then().statusCode(200);
        assertThat(page(incident).getString("status")).isEqualTo("RESOLVED");
        nothingMoreEver(incident);
    }

    @Test
    void raisingTheSeverityMidPageSwitchesToTheFasterTimeoutAtOnce() {
        // no timeout on the levels: the severity's applies (SEV3 30 min, SEV1 5 min by default)
        scene.policy(List.of("SEV1", "SEV3"), List.of(level("ACTIVE_PRIMARY", null), level("ACTIVE_SECONDARY", null),
                level("REGION_MANAGER", null)), 0);
        emeaManagedBy(manager);
        Duration sev3 = ackTimeout("SEV3");
        Duration sev1 = ackTimeout("SEV1");
        assertThat(sev1).isLessThan(sev3);
        String incident = scene.declare("SEV3");
        expectNotified(incident, "page.triggered", primary, 1, 1);

        minutesPass(sev1.toMinutes() + 2); // past SEV1's timeout, well within SEV3's
        assertThat(notified(incident)).hasSize(1);

        commander.request().body(Map.of("severity", "SEV1", "reason", "now live-streamed"))
                .post("/api/v1/incidents/" + incident + "/severity").then().statusCode(200);
        assertThat(timeline(incident)).contains("PAGE_REEVALUATED");
        engine.runDue(Duration.ZERO);
        expectNotified(incident, "page.escalated", secondary, 2, 1);

        minutesPass(sev1.toMinutes());
        expectNotified(incident, "page.escalated", manager, 3, 1);
    }

    @Test
    void inAGapHourTheRegionThatKeptThePagerIsPaged() {
        int hour = scene.hourNow();
        // EMEA's window ended an hour ago, APAC's starts in two hours: a gap, and EMEA kept the pager
        scene.windows(hour - 4, hour - 1, hour + 2, hour + 8, hour + 8, hour - 4);
        TestUser amerPrimary = Api.user("RESPONDER");
        scene.override("AMER", "PRIMARY", amerPrimary);
        asAdmin().get("/api/v1/oncall").then().statusCode(200)
                .body("gap", equalTo(true)).body("activeRegion", equalTo("EMEA"));
        scene.defaultLadder(0, "PT5M");

        String incident = scene.declare("SEV1");
        expectNotified(incident, "page.triggered", primary, 1, 1);
        assertThat(notified(incident)).extracting(r -> handleOf(r)).doesNotContain(amerPrimary.handle());
    }

    @Test
    void anOverrideHolderIsPagedInsteadOfTheRotations() {
        int hour = scene.hourNow();
        scene.windows(hour + 6, hour + 14, hour + 14, hour - 2, hour - 2, hour + 6); // EMEA, APAC later; AMER now
        TestUser onRotation = Api.user("RESPONDER");
        TestUser standIn = Api.user("RESPONDER");
        scene.rotation("AMER", "SECONDARY", onRotation);
        scene.policy(List.of("SEV1"), List.of(level("ACTIVE_SECONDARY", "PT5M")), 0);

        String before = scene.declare("SEV1");
        expectNotified(before, "page.triggered", onRotation, 1, 1);

        scene.override("AMER", "SECONDARY", standIn);
        String after = scene.declare("SEV1");
        expectNotified(after, "page.triggered", standIn, 1, 1);
        assertThat(notified(after)).extracting(r -> handleOf(r)).containsExactly(standIn.handle());
    }

    @Test
    void aPersonNoChannelReachesIsRecordedAsUnreachableAndTheLadderGoesOn() {
        asAdmin().delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        subscriptionId = asAdmin().body(Map.of("url", receiver.url(), "secret", receiver.secret(),
                        "events", List.of("incident.declared")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        scene.defaultLadder(0, "PT5M");
        String incident = scene.declare("SEV1");
        JsonPath page = page(incident);
        assertThat(page.getString("notifications[0].channel")).isEqualTo("NONE");
        assertThat(page.getString("notifications[0].status")).isEqualTo("UNREACHABLE");
        assertThat(timelineText(incident, "DELIVERY_FAILED")).contains("cannot be reached");
        minutesPass(5);
        assertThat(page(incident).getInt("level")).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------ the world

    private void minutesPass(long minutes) {
        clock.advance(Duration.ofMinutes(minutes));
        engine.runDue(Duration.ZERO);
    }

    /**
     * A long time passes and the engine runs: no new event is sent for {@code incident}. Counted by
     * event id: jumping the clock hours ahead can expire the lease of a delivery still in flight,
     * and its resend carries the same id (which receivers drop).
     */
    private void nothingMoreEver(String incident) {
        long before = eventIds(incident);
        for (int i = 0; i < 6; i++) {
            minutesPass(30);
        }
        sleep(1500); // longer than the dispatcher's poll
        assertThat(eventIds(incident)).isEqualTo(before);
    }

    private long eventIds(String incident) {
        return receiver.received(r -> isFor(r, incident)).stream().map(Received::eventId).distinct().count();
    }

    private void expectNotified(String incident, String type, TestUser who, int level, int round) {
        List<Received> all = receiver.await(r -> isFor(r, incident) && r.body().has("notification")
                && r.body().path("notification").path("level").asInt() == level
                && r.body().path("notification").path("round").asInt() == round, 1, WAIT);
        assertThat(all).hasSize(1);
        Received event = all.get(0);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.signatureValid()).isTrue();
        assertThat(handleOf(event)).isEqualTo(who.handle());
        assertThat(event.body().path("notification").path("user").path("id").asText()).isEqualTo(who.id().toString());
        assertThat(event.body().path("page").path("level").asInt()).isEqualTo(level);
        assertThat(event.body().path("incident").path("id").asText()).isEqualTo(incident);
    }

    private List<Received> notified(String incident) {
        return receiver.received(r -> isFor(r, incident) && r.body().has("notification"));
    }

    private static String handleOf(Received r) {
        return r.body().path("notification").path("user").path("handle").asText();
    }

    private static boolean isFor(Received r, String incident) {
        return incident.equals(r.body().path("incident").path("id").asText());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
