package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Api.changeStatus;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static io.vigil.support.Problems.withRawBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.paging.EscalationEngine;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import io.vigil.support.TestClock;
import io.vigil.support.WebhookReceiver;
import io.vigil.user.User;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REST contract of pages: {@code POST /incidents/{id}/pages}, {@code GET /pages},
 * {@code GET /pages/{id}} and {@code POST /pages/{id}/ack}. For every endpoint: success, validation
 * failure, missing or bad token (401), wrong role (403), unknown or invisible id (404) and the
 * conflicts (409), every error as {@code application/problem+json}.
 *
 * <p>The incidents here are SEV4 (the seeded SEV4 does not page on declare), so the only pages they
 * have are the ones a test starts by hand. Without a webhook subscription that wants page events no
 * channel reaches anybody, so notifications are recorded as channel {@code NONE}, status
 * {@code UNREACHABLE}; the test that needs {@code WEBHOOK} rows subscribes a receiver of its own and
 * deletes it afterwards. The few tests that move the shared {@link TestClock} put it back, and
 * every incident declared here is cancelled after its test, so none of its pages keeps running into
 * other classes' stories.
 *
 * <p>Cases that do not apply: {@code GET /pages} has no 403 (every role may read; pages of
 * incidents the caller may not see are filtered out) and no 404; {@code GET /pages/{id}} has no
 * validation failure (a malformed id is a 404) and no 403 (an invisible page is a 404);
 * {@code POST /pages/{id}/ack} takes no body.
 */
@QuarkusTest
class PageEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String INCIDENTS = "/api/v1/incidents";
    private static final String PAGES = "/api/v1/pages";
    private static final Duration FALLBACK_ACK_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    TestClock clock;

    @Inject
    EscalationEngine engine;

    private static TestUser responder;
    private static TestUser commander;
    private static TestUser manager;
    private static TestUser leadership;
    /** A category of this class's own, not restricted. */
    private static String category;

    private final List<String> overrides = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();
    /** Incidents this class declared: cancelled after each test, so no page of theirs keeps running. */
    private static final List<String> DECLARED_HERE = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fixtures() {
        if (responder == null) {
            responder = Api.user("RESPONDER");
            commander = Api.user("COMMANDER");
            manager = Api.user("MANAGER");
            leadership = Api.user("LEADERSHIP");
            category = Api.uniqueCode("PE_");
            asAdmin().body(Map.of("code", category, "name", "Pages " + category, "restrictedByDefault", false))
                    .post("/api/v1/categories").then().statusCode(201);
        }
    }

    @AfterEach
    void restore() {
        overrides.forEach(id -> asAdmin().delete("/api/v1/overrides/" + id).then().statusCode(204));
        overrides.clear();
        subscriptions.forEach(id -> asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204));
        subscriptions.clear();
        cancelOpenIncidents(DECLARED_HERE);
        clock.reset();
    }

    /** Cancels those of the incidents that are still open, which stops their pages. */
    private static void cancelOpenIncidents(List<String> incidents) {
        for (String id : incidents) {
            String status = asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).extract().path("status");
            if (!List.of("RESOLVED", "CLOSED", "CANCELLED").contains(status)) {
                asAdmin().body(Map.of("status", "CANCELLED", "reason", "test over"))
                        .post(INCIDENTS + "/" + id + "/status").then().statusCode(200);
            }
        }
        incidents.clear();
    }

    // ---------------------------------------------------------------- 401 on every endpoint

    static Stream<Arguments> everyEndpoint() {
        String page = PAGES + "/" + UUID.randomUUID();
        return Stream.of(
                Arguments.of("POST", INCIDENTS + "/" + UUID.randomUUID() + "/pages"),
                Arguments.of("GET", PAGES),
                Arguments.of("GET", page),
                Arguments.of("POST", page + "/ack"));
    }

    @Override
    public String unknownToken() {
        return "vgl_not-a-page-token";
    }

    // ---------------------------------------------------------------- POST /incidents/{id}/pages

    @Test
    void pagingAUserAnswers201WithLocationAndTheWholeView() {
        TestUser paged = Api.user("RESPONDER");
        ExtractableResponse<Response> incident = declare(responder, category);
        String incidentId = incident.path("id");

        ExtractableResponse<Response> created = page(commander.request(), incidentId,
                Map.of("target", Map.of("type", "USER", "userId", paged.id()), "message", "  Please look now  ",
                        "ackTimeout", "PT2M"))
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("incidentId", equalTo(incidentId))
                .body("incidentReference", equalTo(incident.path("reference")))
                .body("status", equalTo("TRIGGERED"))
                .body("origin", equalTo("MANUAL"))
                .body("policyId", nullValue())
                .body("level", equalTo(1))
                .body("round", equalTo(1))
                .body("message", equalTo("Please look now"))
                .body("triggeredBy.id", equalTo(commander.id().toString()))
                .body("triggeredBy.handle", equalTo(commander.handle()))
                .body("triggeredBy.displayName", equalTo("User " + commander.handle()))
                .body("triggeredAt", notNullValue())
                .body("acknowledgedBy", nullValue())
                .body("acknowledgedAt", nullValue())
                .body("notifications", hasSize(1))
                .body("notifications[0].userId", equalTo(paged.id().toString()))
                .body("notifications[0].handle", equalTo(paged.handle()))
                .body("notifications[0].channel", equalTo("NONE"))
                .body("notifications[0].level", equalTo(1))
                .body("notifications[0].round", equalTo(1))
                .body("notifications[0].status", equalTo("UNREACHABLE"))
                .body("notifications[0].deliveredAt", nullValue())
                .extract();
        String id = created.path("id");
        Instant triggeredAt = instant(created.path("triggeredAt"));
        assertThat(instant(created.path("nextEscalationAt"))).isEqualTo(triggeredAt.plus(Duration.ofMinutes(2)));
        assertThat(instant(created.path("notifications[0].dueAt"))).isEqualTo(triggeredAt);
        assertThat(instant(created.path("notifications[0].sentAt"))).isEqualTo(triggeredAt);
        assertThat(created.header("Location")).endsWith(PAGES + "/" + id);

        // the Location reads back the same page, for anyone who sees the incident
        String body = created.asString();
        String read = leadership.request().get(URI.create(created.header("Location")).getPath())
                .then().log().ifValidationFails().statusCode(200).extract().asString();
        assertThat(JsonPath.from(read).getMap("")).isEqualTo(JsonPath.from(body).getMap(""));

        // on the timeline and in the audit log
        String text = timelineText(incidentId, "PAGE_TRIGGERED");
        assertThat(text).contains("@" + paged.handle()).contains("level 1 of 1");
        assertThat(timelineText(incidentId, "DELIVERY_FAILED")).contains("@" + paged.handle()).contains("cannot be reached");
        asAdmin().queryParam("entityType", "page").queryParam("entityId", id).get("/api/v1/audit").then()
                .statusCode(200)
                .body("items.action", contains("page.created"))
                .body("items[0].actor.id", equalTo(commander.id().toString()));
    }

    @Test
    void withoutAnAckTimeoutAManualPageOnASeverityWithoutOneWaitsThirtyMinutesAndHasNoMessage() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        ExtractableResponse<Response> created = page(manager.request(), incidentId,
                Map.of("target", Map.of("type", "USER", "userId", paged.id()), "message", "   "))
                .then().log().ifValidationFails().statusCode(201)
                .body("message", nullValue())
                .body("triggeredBy.id", equalTo(manager.id().toString()))
                .extract();
        assertThat(instant(created.path("nextEscalationAt")))
                .isEqualTo(instant(created.path("triggeredAt")).plus(FALLBACK_ACK_TIMEOUT));
    }

    @Test
    void theAckTimeoutBoundsThemselvesAreAccepted() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        for (String timeout : List.of("PT10S", "PT24H")) {
            ExtractableResponse<Response> created = page(asAdmin(), incidentId,
                    Map.of("target", Map.of("type", "USER", "userId", paged.id()), "ackTimeout", timeout))
                    .then().log().ifValidationFails().statusCode(201).extract();
            assertThat(instant(created.path("nextEscalationAt")))
                    .isEqualTo(instant(created.path("triggeredAt")).plus(Duration.parse(timeout)));
        }
    }

    @Test
    void aWebhookSubscriptionThatWantsPageEventsMakesTheNotificationAWebhookOneThatIsDelivered() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        try (WebhookReceiver receiver = new WebhookReceiver("page-endpoints-" + Api.unique("", 16))) {
            subscriptions.add(asAdmin().body(Map.of("url", receiver.url(), "secret", receiver.secret(),
                            "events", List.of("page.triggered")))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id"));

            String id = page(commander.request(), incidentId,
                    Map.of("target", Map.of("type", "USER", "userId", paged.id()), "message", "with a receiver"))
                    .then().log().ifValidationFails().statusCode(201)
                    .body("notifications", hasSize(1))
                    .body("notifications[0].userId", equalTo(paged.id().toString()))
                    .body("notifications[0].channel", equalTo("WEBHOOK"))
                    .body("notifications[0].status", equalTo("PENDING"))
                    .body("notifications[0].deliveredAt", nullValue())
                    .extract().path("id");

            var received = receiver.await(r -> incidentId.equals(r.body().path("incident").path("id").asText()), 1, WAIT);
            assertThat(received).hasSize(1);
            assertThat(received.get(0).type()).isEqualTo("page.triggered");
            assertThat(received.get(0).signatureValid()).isTrue();
            assertThat(received.get(0).body().path("notification").path("user").path("id").asText())
                    .isEqualTo(paged.id().toString());
            assertThat(received.get(0).body().path("notification").path("channel").asText()).isEqualTo("WEBHOOK");
            assertThat(received.get(0).body().path("page").path("id").asText()).isEqualTo(id);
            assertThat(received.get(0).body().path("page").path("message").asText()).isEqualTo("with a receiver");

            JsonPath delivered = awaitNotificationStatus(id, "DELIVERED");
            assertThat(delivered.getString("notifications[0].channel")).isEqualTo("WEBHOOK");
            assertThat(instant(delivered.getString("notifications[0].deliveredAt")))
                    .isAfterOrEqualTo(instant(delivered.getString("notifications[0].sentAt")));
        }
    }

    @Test
    void pagingARegionPagesItsPrimaryThenItsSecondary() {
        // far in the future, so the overrides collide with nobody else's
        clock.advance(Duration.ofDays(3000 + ThreadLocalRandom.current().nextInt(3000)));
        TestUser primary = Api.user("RESPONDER");
        TestUser secondary = Api.user("RESPONDER");
        override("APAC", "PRIMARY", primary);
        override("APAC", "SECONDARY", secondary);
        String incidentId = declare(responder, category).path("id");

        ExtractableResponse<Response> created = page(commander.request(), incidentId,
                Map.of("target", Map.of("type", "REGION", "region", "APAC"), "ackTimeout", "PT1M",
                        "message", "APAC please"))
                .then().log().ifValidationFails().statusCode(201)
                .body("origin", equalTo("MANUAL"))
                .body("policyId", nullValue())
                .body("level", equalTo(1))
                .body("message", equalTo("APAC please"))
                .body("notifications.userId", contains(primary.id().toString()))
                .body("notifications[0].level", equalTo(1))
                .extract();
        String id = created.path("id");
        assertThat(instant(created.path("nextEscalationAt")))
                .isEqualTo(instant(created.path("triggeredAt")).plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(61));
        engine.runDue(Duration.ZERO);
        asAdmin().get(PAGES + "/" + id).then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("TRIGGERED"))
                .body("level", equalTo(2))
                .body("notifications.userId", contains(primary.id().toString(), secondary.id().toString()))
                .body("notifications.level", contains(1, 2));

        // the secondary answers and the page stops
        secondary.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("level", equalTo(2))
                .body("acknowledgedBy.id", equalTo(secondary.id().toString()))
                .body("nextEscalationAt", nullValue());
    }

    @Test
    void pagingAPolicyFollowsItsLadderAndAnAckTimeoutReplacesItsTimeouts() {
        TestUser first = Api.user("RESPONDER");
        TestUser second = Api.user("RESPONDER");
        String policyId = policy(List.of(
                Map.of("targets", List.of(Map.of("type", "USER", "userId", first.id())), "ackTimeout", "PT3M"),
                Map.of("targets", List.of(Map.of("type", "USER", "userId", second.id())))), 1);
        String incidentId = declare(responder, category).path("id");

        ExtractableResponse<Response> own = page(commander.request(), incidentId,
                Map.of("target", Map.of("type", "POLICY", "policyId", policyId)))
                .then().log().ifValidationFails().statusCode(201)
                .body("origin", equalTo("MANUAL"))
                .body("policyId", equalTo(policyId))
                .body("level", equalTo(1))
                .body("round", equalTo(1))
                .body("message", nullValue())
                .body("notifications.userId", contains(first.id().toString()))
                .extract();
        assertThat(instant(own.path("nextEscalationAt"))).isEqualTo(instant(own.path("triggeredAt")).plus(Duration.ofMinutes(3)));

        ExtractableResponse<Response> replaced = page(commander.request(), incidentId,
                Map.of("target", Map.of("type", "POLICY", "policyId", policyId), "ackTimeout", "PT45S"))
                .then().log().ifValidationFails().statusCode(201)
                .body("policyId", equalTo(policyId))
                .body("notifications.userId", contains(first.id().toString()))
                .extract();
        assertThat(instant(replaced.path("nextEscalationAt")))
                .isEqualTo(instant(replaced.path("triggeredAt")).plus(Duration.ofSeconds(45)));
    }

    @Test
    void aPageThatRanOutOfLevelsCanStillBeAcknowledged() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        String id = page(commander.request(), incidentId,
                Map.of("target", Map.of("type", "USER", "userId", paged.id()), "ackTimeout", "PT10S"))
                .then().statusCode(201).extract().path("id");

        clock.advance(Duration.ofSeconds(11));
        engine.runDue(Duration.ZERO);
        asAdmin().get(PAGES + "/" + id).then().statusCode(200)
                .body("status", equalTo("EXHAUSTED")).body("nextEscalationAt", nullValue());

        paged.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy.id", equalTo(paged.id().toString()));
    }

    static Stream<Arguments> invalidPages() {
        String user = "{\"type\":\"USER\",\"userId\":\"%s\"}";
        return Stream.of(
                Arguments.of("{}", "target"),
                Arguments.of("{\"target\":null}", "target"),
                Arguments.of("{\"target\":{}}", "target.type"),
                Arguments.of("{\"target\":{\"type\":\"NOBODY\"}}", "target.type"),
                Arguments.of("{\"target\":{\"type\":\"USER\"}}", "target.userId"),
                Arguments.of("{\"target\":{\"type\":\"USER\",\"userId\":\"bob\"}}", "target.userId"),
                Arguments.of("{\"target\":" + user.formatted(UUID.randomUUID()) + "}", "target.userId"),
                Arguments.of("{\"target\":{\"type\":\"POLICY\"}}", "target.policyId"),
                Arguments.of("{\"target\":{\"type\":\"POLICY\",\"policyId\":\"" + UUID.randomUUID() + "\"}}",
                        "target.policyId"),
                Arguments.of("{\"target\":{\"type\":\"REGION\"}}", "target.region"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"MARS\"}}", "target.region"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\"},\"ackTimeout\":\"PT5S\"}",
                        "ackTimeout"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\"},\"ackTimeout\":\"PT25H\"}",
                        "ackTimeout"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\"},\"ackTimeout\":\"soon\"}",
                        "ackTimeout"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\"},\"message\":\"" + "x".repeat(2001)
                        + "\"}", "message"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\"},\"priority\":\"high\"}", "priority"),
                Arguments.of("{\"target\":{\"type\":\"REGION\",\"region\":\"EMEA\",\"team\":\"x\"}}", "target.team"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "page request {0} is a 400 naming {1}")
    @MethodSource("invalidPages")
    void invalidPageRequestIsA400NamingTheField(String body, String field) {
        String incidentId = declare(responder, category).path("id");
        validationProblem(withRawBody(commander.request(), body).post(INCIDENTS + "/" + incidentId + "/pages"), field);
        assertThat(pageIds(asAdmin(), Map.of("incidentId", incidentId))).isEmpty();
    }

    @Test
    void anInactiveUserCannotBePaged() {
        TestUser gone = Api.user("RESPONDER");
        deactivate(gone.id());
        String incidentId = declare(responder, category).path("id");
        validationProblem(page(commander.request(), incidentId, Map.of("target", Map.of("type", "USER", "userId", gone.id()))),
                "target.userId");
        assertThat(pageIds(asAdmin(), Map.of("incidentId", incidentId))).isEmpty();
    }

    @Test
    void onlyThoseWhoMayRunTheIncidentMayPage() {
        TestUser paged = Api.user("RESPONDER");
        TestUser declarer = Api.user("RESPONDER");
        String incidentId = declare(declarer, category).path("id");
        Map<String, Object> body = Map.of("target", Map.of("type", "USER", "userId", paged.id()));

        problem(page(declarer.request(), incidentId, body), 403).body("type", equalTo("/problems/forbidden"));
        problem(page(responder.request(), incidentId, body), 403);
        problem(page(leadership.request(), incidentId, body), 403);
        problem(page(paged.request(), incidentId, body), 403);
        assertThat(pageIds(asAdmin(), Map.of("incidentId", incidentId))).isEmpty();

        // once assigned as the incident's commander, a plain responder may page
        manager.request().body(Map.of("userId", declarer.id())).put(INCIDENTS + "/" + incidentId + "/commander")
                .then().statusCode(200);
        page(declarer.request(), incidentId, body).then().log().ifValidationFails().statusCode(201)
                .body("triggeredBy.id", equalTo(declarer.id().toString()));
        page(asAdmin(), incidentId, body).then().statusCode(201);
    }

    @Test
    void unknownOrMalformedIncidentIdsAre404s() {
        Map<String, Object> body = Map.of("target", Map.of("type", "REGION", "region", "EMEA"));
        problem(page(commander.request(), UUID.randomUUID().toString(), body), 404).body("type", equalTo("/problems/not-found"));
        problem(page(commander.request(), "not-a-uuid", body), 404);
    }

    @Test
    void aFinishedIncidentCannotBePaged() {
        TestUser paged = Api.user("RESPONDER");
        Map<String, Object> body = Map.of("target", Map.of("type", "USER", "userId", paged.id()));

        String resolved = declare(responder, category).path("id");
        for (String status : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            changeStatus(commander.request(), resolved, status).then().statusCode(200);
        }
        problem(page(commander.request(), resolved, body), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("currentStatus", equalTo("RESOLVED"));

        String cancelled = declare(responder, category).path("id");
        commander.request().body(Map.of("status", "CANCELLED", "reason", "false alarm"))
                .post(INCIDENTS + "/" + cancelled + "/status").then().statusCode(200);
        problem(page(asAdmin(), cancelled, body), 409).body("currentStatus", equalTo("CANCELLED"));

        assertThat(pageIds(asAdmin(), Map.of("incidentId", resolved))).isEmpty();
        assertThat(pageIds(asAdmin(), Map.of("incidentId", cancelled))).isEmpty();
    }

    // ---------------------------------------------------------------- POST /pages/{id}/ack

    @Test
    void theNotifiedPersonAcknowledgesOnceAndAgainChangesNothing() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        String id = page(commander.request(), incidentId, Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                .then().statusCode(201).extract().path("id");

        ExtractableResponse<Response> first = paged.request().post(PAGES + "/" + id + "/ack")
                .then().log().ifValidationFails().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo(id))
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("level", equalTo(1))
                .body("nextEscalationAt", nullValue())
                .body("acknowledgedBy.id", equalTo(paged.id().toString()))
                .body("acknowledgedBy.handle", equalTo(paged.handle()))
                .body("acknowledgedAt", notNullValue())
                .body("notifications.userId", contains(paged.id().toString()))
                .extract();
        String acknowledgedAt = first.path("acknowledgedAt");

        // again, by them and by an admin: the same answer, the first acknowledgement stands
        for (RequestSpecification again : List.of(paged.request(), asAdmin())) {
            again.post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy.id", equalTo(paged.id().toString()))
                    .body("acknowledgedAt", equalTo(acknowledgedAt));
        }
        asAdmin().get(PAGES + "/" + id).then().statusCode(200).body("acknowledgedAt", equalTo(acknowledgedAt));

        // the incident's first acknowledgement, one timeline entry, one audit entry
        assertThat(instant(asAdmin().get(INCIDENTS + "/" + incidentId).then().statusCode(200).extract()
                .path("acknowledgedAt"))).isEqualTo(instant(acknowledgedAt));
        List<String> types = timeline(incidentId).getList("items.type");
        assertThat(types.stream().filter("PAGE_ACKNOWLEDGED"::equals)).hasSize(1);
        assertThat(timelineText(incidentId, "PAGE_ACKNOWLEDGED")).contains("@" + paged.handle()).contains("via REST");
        asAdmin().queryParam("entityType", "page").queryParam("entityId", id).get("/api/v1/audit").then()
                .statusCode(200).body("items.action", contains("page.acknowledged", "page.created"));
    }

    @Test
    void theIncidentsCommanderMayAcknowledgeAndOthersWhoWereNotNotifiedMayNot() {
        TestUser paged = Api.user("RESPONDER");
        TestUser incidentCommander = Api.user("RESPONDER");
        TestUser bystander = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        manager.request().body(Map.of("userId", incidentCommander.id())).put(INCIDENTS + "/" + incidentId + "/commander")
                .then().statusCode(200);
        String id = page(commander.request(), incidentId, Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                .then().statusCode(201).extract().path("id");

        problem(bystander.request().post(PAGES + "/" + id + "/ack"), 403).body("type", equalTo("/problems/forbidden"));
        problem(responder.request().post(PAGES + "/" + id + "/ack"), 403); // the declarer was not notified
        problem(leadership.request().post(PAGES + "/" + id + "/ack"), 403);
        asAdmin().get(PAGES + "/" + id).then().statusCode(200).body("status", equalTo("TRIGGERED"));

        incidentCommander.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy.id", equalTo(incidentCommander.id().toString()));
        // a bystander is still refused once it is acknowledged
        problem(bystander.request().post(PAGES + "/" + id + "/ack"), 403);
    }

    @Test
    void aRunningRoleMayAcknowledgeAPageThatDidNotNotifyThem() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        String id = page(asAdmin(), incidentId, Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                .then().statusCode(201).extract().path("id");
        commander.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("acknowledgedBy.id", equalTo(commander.id().toString()));
    }

    @Test
    void aPageStoppedWithItsIncidentCannotBeAcknowledged() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        String id = page(commander.request(), incidentId, Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                .then().statusCode(201).extract().path("id");
        for (String status : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            changeStatus(commander.request(), incidentId, status).then().statusCode(200);
        }
        asAdmin().get(PAGES + "/" + id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("nextEscalationAt", nullValue());

        problem(paged.request().post(PAGES + "/" + id + "/ack"), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("currentStatus", equalTo("RESOLVED"));
        problem(asAdmin().post(PAGES + "/" + id + "/ack"), 409);
        asAdmin().get(PAGES + "/" + id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("acknowledgedAt", nullValue());
        assertThat(timeline(incidentId).getList("items.type", String.class)).doesNotContain("PAGE_ACKNOWLEDGED");
    }

    @Test
    void unknownOrMalformedPageIdsAre404s() {
        problem(responder.request().get(PAGES + "/" + UUID.randomUUID()), 404).body("type", equalTo("/problems/not-found"));
        problem(responder.request().get(PAGES + "/not-a-uuid"), 404);
        problem(asAdmin().post(PAGES + "/" + UUID.randomUUID() + "/ack"), 404);
        problem(asAdmin().post(PAGES + "/not-a-uuid/ack"), 404);
    }

    // ---------------------------------------------------------------- restricted incidents

    @Test
    void aRestrictedIncidentsPagesDoNotExistForAnOutsider() {
        TestUser declarer = Api.user("RESPONDER");
        TestUser outsider = Api.user("RESPONDER");
        TestUser outsideCommander = Api.user("COMMANDER");
        TestUser outsideManager = Api.user("MANAGER");
        TestUser specialist = Api.user("RESPONDER");
        String incidentId = declarer.request().body(Api.declaration("CHILD_SAFETY", "SEV4", "EMEA")).post(INCIDENTS)
                .then().statusCode(201).body("restricted", equalTo(true)).extract().path("id");
        DECLARED_HERE.add(incidentId);
        // the specialist is a participant, so they see the incident and may be paged for it
        asAdmin().body(Map.of("userId", specialist.id())).post(INCIDENTS + "/" + incidentId + "/participants")
                .then().statusCode(201);
        String id = page(asAdmin(), incidentId, Map.of("target", Map.of("type", "USER", "userId", specialist.id())))
                .then().statusCode(201).extract().path("id");

        for (TestUser stranger : List.of(outsider, outsideCommander, outsideManager)) {
            problem(stranger.request().get(PAGES + "/" + id), 404).body("type", equalTo("/problems/not-found"))
                    .body("detail", not(containsString(incidentId)));
            problem(stranger.request().post(PAGES + "/" + id + "/ack"), 404);
            assertThat(pageIds(stranger.request(), Map.of("incidentId", incidentId))).isEmpty();
            assertThat(pageIds(stranger.request(), Map.of("userId", specialist.id().toString()))).isEmpty();
            assertThat(pageIds(stranger.request(), Map.of("limit", "200"))).doesNotContain(id);
            // paging for it is a 404 too, before any role check
            problem(page(stranger.request(), incidentId, Map.of("target", Map.of("type", "USER", "userId", stranger.id()))),
                    404);
        }
        asAdmin().get(PAGES + "/" + id).then().statusCode(200).body("status", equalTo("TRIGGERED"));

        // those who see the incident see its page
        declarer.request().get(PAGES + "/" + id).then().statusCode(200).body("incidentId", equalTo(incidentId));
        assertThat(pageIds(declarer.request(), Map.of("incidentId", incidentId))).containsExactly(id);
        assertThat(pageIds(asAdmin(), Map.of("incidentId", incidentId))).containsExactly(id);
        specialist.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("acknowledgedBy.id", equalTo(specialist.id().toString()));
    }

    @Test
    void someonePagedForARestrictedIncidentJoinsItAndCanAcknowledge() {
        TestUser declarer = Api.user("RESPONDER");
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declarer.request().body(Api.declaration("CHILD_SAFETY", "SEV4", "EMEA")).post(INCIDENTS)
                .then().statusCode(201).body("restricted", equalTo(true)).extract().path("id");
        DECLARED_HERE.add(incidentId);
        problem(paged.request().get(INCIDENTS + "/" + incidentId), 404);

        String id = page(asAdmin(), incidentId, Map.of("target", Map.of("type", "USER", "userId", paged.id()),
                        "message", "the reporter's account name"))
                .then().statusCode(201).extract().path("id");

        paged.request().get(INCIDENTS + "/" + incidentId).then().statusCode(200);
        paged.request().get(PAGES + "/" + id).then().statusCode(200);
        asAdmin().get(INCIDENTS + "/" + incidentId + "/participants").then().statusCode(200)
                .body("items.userId", hasItem(paged.id().toString()));
        asAdmin().queryParam("limit", 200).get(INCIDENTS + "/" + incidentId + "/timeline").then().statusCode(200)
                .body("items.find { it.type == 'PARTICIPANT_ADDED' }.data.reason", equalTo("PAGED"));
        paged.request().post(PAGES + "/" + id + "/ack").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void aTargetNamesOnlyWhatItsTypeUses() {
        String incidentId = declare(responder, category).path("id");
        validationProblem(page(asAdmin(), incidentId, Map.of("target",
                Map.of("type", "USER", "userId", responder.id(), "region", "EMEA"))), "target.region");
        validationProblem(page(asAdmin(), incidentId, Map.of("target",
                Map.of("type", "REGION", "region", "EMEA", "userId", responder.id()))), "target.userId");
        validationProblem(page(asAdmin(), incidentId, Map.of("target",
                Map.of("type", "USER", "userId", responder.id(), "policyId", UUID.randomUUID()))), "target.policyId");
        asAdmin().queryParam("incidentId", incidentId).queryParam("status", "TRIGGERED").get(PAGES).then()
                .statusCode(200).body("items.origin", not(hasItem("MANUAL")));
    }

    // ---------------------------------------------------------------- GET /pages

    @Test
    void listFiltersByStatusIncidentAndNotifiedUser() {
        TestUser alice = Api.user("RESPONDER");
        TestUser bob = Api.user("RESPONDER");
        String incidentA = declare(responder, category).path("id");
        String incidentB = declare(responder, category).path("id");
        String a1 = pageUser(incidentA, alice);
        String a2 = pageUser(incidentA, bob);
        String b1 = pageUser(incidentB, alice);
        bob.request().post(PAGES + "/" + a2 + "/ack").then().statusCode(200);

        assertThat(pageIds(responder.request(), Map.of("incidentId", incidentA))).containsExactly(a2, a1);
        assertThat(pageIds(responder.request(), Map.of("incidentId", incidentB))).containsExactly(b1);
        assertThat(pageIds(leadership.request(), Map.of("userId", alice.id().toString()))).containsExactly(b1, a1);
        assertThat(pageIds(leadership.request(), Map.of("userId", bob.id().toString()))).containsExactly(a2);
        assertThat(pageIds(responder.request(), Map.of("incidentId", incidentA, "status", "TRIGGERED"))).containsExactly(a1);
        assertThat(pageIds(responder.request(), Map.of("incidentId", incidentA, "status", "ACKNOWLEDGED")))
                .containsExactly(a2);
        assertThat(pageIds(responder.request(), Map.of("incidentId", incidentA, "status", "EXHAUSTED"))).isEmpty();
        assertThat(pageIds(responder.request(), Map.of("userId", alice.id().toString(), "incidentId", incidentB)))
                .containsExactly(b1);
        assertThat(pageIds(responder.request(), Map.of("userId", bob.id().toString(), "status", "TRIGGERED"))).isEmpty();
        assertThat(pageIds(responder.request(), Map.of("userId", UUID.randomUUID().toString()))).isEmpty();
        assertThat(pageIds(responder.request(), Map.of("incidentId", UUID.randomUUID().toString()))).isEmpty();

        // the items are whole pages
        responder.request().queryParam("incidentId", incidentA).queryParam("status", "ACKNOWLEDGED").get(PAGES)
                .then().log().ifValidationFails().statusCode(200)
                .body("items[0].incidentId", equalTo(incidentA))
                .body("items[0].acknowledgedBy.id", equalTo(bob.id().toString()))
                .body("items[0].notifications.userId", contains(bob.id().toString()))
                .body("items[0].notifications[0].handle", equalTo(bob.handle()))
                .body("nextCursor", nullValue());
    }

    @Test
    void listIsCursorPagedNewestFirst() {
        TestUser paged = Api.user("RESPONDER");
        String incidentId = declare(responder, category).path("id");
        String first = pageUser(incidentId, paged);
        String second = pageUser(incidentId, paged);
        String third = pageUser(incidentId, paged);

        ExtractableResponse<Response> page1 = responder.request().queryParam("incidentId", incidentId)
                .queryParam("limit", 2).get(PAGES).then().log().ifValidationFails().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract();
        assertThat(page1.<List<String>>path("items.id")).containsExactly(third, second);

        responder.request().queryParam("incidentId", incidentId).queryParam("limit", 2)
                .queryParam("cursor", page1.<String>path("nextCursor")).get(PAGES)
                .then().log().ifValidationFails().statusCode(200)
                .body("items.id", contains(first)).body("nextCursor", nullValue());

        // exactly one page's worth: no cursor to an empty page
        responder.request().queryParam("incidentId", incidentId).queryParam("limit", 3).get(PAGES)
                .then().statusCode(200).body("items", hasSize(3)).body("nextCursor", nullValue());
        // the same through the userId filter
        assertThat(pageIds(responder.request(), Map.of("userId", paged.id().toString()))).containsExactly(third, second, first);
    }

    static Stream<Arguments> badListQueries() {
        String notOurs = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2026-01-01T00:00:00Z|not-a-uuid".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("status", "OPEN", "status"),
                Arguments.of("status", "triggered", "status"),
                Arguments.of("userId", "bob", "userId"),
                Arguments.of("incidentId", "INC-1", "incidentId"),
                Arguments.of("limit", "0", "limit"),
                Arguments.of("limit", "201", "limit"),
                Arguments.of("limit", "ten", "limit"),
                Arguments.of("cursor", "not-a-cursor", "cursor"),
                Arguments.of("cursor", notOurs, "cursor"));
    }

    @ParameterizedTest(name = "GET /pages?{0}={1} is a 400 naming {2}")
    @MethodSource("badListQueries")
    void badListQueryIsA400(String param, String value, String field) {
        validationProblem(responder.request().queryParam(param, value).get(PAGES), field);
    }

    // ---------------------------------------------------------------- helpers

    private static Response page(RequestSpecification as, String incidentId, Map<String, ?> body) {
        return as.body(body).post(INCIDENTS + "/" + incidentId + "/pages");
    }

    private static String pageUser(String incidentId, TestUser who) {
        return page(asAdmin(), incidentId, Map.of("target", Map.of("type", "USER", "userId", who.id())))
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static ExtractableResponse<Response> declare(TestUser as, String category) {
        ExtractableResponse<Response> declared = as.request().body(Api.declaration(category, "SEV4", "EMEA"))
                .post(INCIDENTS).then().log().ifValidationFails().statusCode(201).extract();
        DECLARED_HERE.add(declared.path("id"));
        return declared;
    }

    private static List<String> pageIds(RequestSpecification as, Map<String, ?> query) {
        return as.queryParams(query).get(PAGES).then().log().ifValidationFails().statusCode(200)
                .contentType(ContentType.JSON).extract().path("items.id");
    }

    private static JsonPath timeline(String incidentId) {
        return asAdmin().queryParam("limit", 200).get(INCIDENTS + "/" + incidentId + "/timeline").then()
                .statusCode(200).extract().jsonPath();
    }

    private static String timelineText(String incidentId, String type) {
        return timeline(incidentId).getString("items.find { it.type == '" + type + "' }.text");
    }

    private static Instant instant(String value) {
        assertThat(value).as("an instant").isNotNull();
        return Instant.parse(value);
    }

    private static JsonPath awaitNotificationStatus(String pageId, String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath page;
        do {
            page = asAdmin().get(PAGES + "/" + pageId).then().statusCode(200).extract().jsonPath();
            if (status.equals(page.getString("notifications[0].status"))) {
                return page;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("notification of page " + pageId + " not " + status + " within " + WAIT + ": "
                + page.prettify());
    }

    private String policy(List<Map<String, Object>> levels, int repeat) {
        // a category of its own, so that no other incident's automatic page ever selects this policy
        String only = Api.uniqueCode("PEP_");
        asAdmin().body(Map.of("code", only, "name", "Policy " + only, "restrictedByDefault", false))
                .post("/api/v1/categories").then().statusCode(201);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Pages " + only);
        body.put("severities", List.of("SEV4"));
        body.put("categories", List.of(only));
        body.put("levels", levels);
        body.put("repeat", repeat);
        return manager.request().body(body).post("/api/v1/escalation-policies")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private void override(String region, String layer, TestUser who) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        overrides.add(asAdmin().body(Map.of("region", region, "layer", layer, "userId", who.id(),
                        "start", now.minus(Duration.ofHours(1)).toString(), "end", now.plus(Duration.ofDays(1)).toString()))
                .post("/api/v1/overrides").then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    /** No endpoint deactivates a user yet; the row is changed directly. */
    private static void deactivate(UUID userId) {
        try {
            int changed = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> User.update("active = false where id = ?1", userId)));
            assertThat(changed).isEqualTo(1);
        } catch (Throwable e) {
            throw new AssertionError("cannot deactivate " + userId, e);
        }
    }
}
