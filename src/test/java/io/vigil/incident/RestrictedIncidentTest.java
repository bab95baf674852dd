package io.vigil.incident;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problemJson;
import static io.vigil.support.Problems.problemStatus;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restricted incident never leaks: for every role without a personal link to it, it does not
 * exist — get, timeline, notes, every command, participants, lists and counts — and the audit
 * log is for admins only. Those with a link (ADMIN, declarer, commander, participant) see it.
 */
@QuarkusTest
class RestrictedIncidentTest {

    private TestUser declarer;
    private String id;
    private Instant declaredAt;

    @BeforeEach
    void declareRestrictedIncident() {
        declarer = Api.user("RESPONDER");
        var response = declarer.request().body(Api.declaration("CHILD_SAFETY", "SEV1", "APAC"))
                .post("/api/v1/incidents").then().statusCode(201).body("restricted", equalTo(true)).extract();
        id = response.path("id");
        declaredAt = Instant.parse(response.path("declaredAt"));
    }

    /** The one-microsecond window holding exactly this incident's declaration. */
    private String window() {
        return "?from=" + declaredAt + "&to=" + declaredAt.plusNanos(1_000);
    }

    @ParameterizedTest(name = "an outsider with role {0} cannot find it")
    @ValueSource(strings = {"RESPONDER", "COMMANDER", "MANAGER", "LEADERSHIP"})
    void outsidersSeeNothing(String role) {
        TestUser outsider = Api.user(role);
        TestUser someone = Api.user("RESPONDER");
        String base = "/api/v1/incidents/" + id;

        assertNotFound(outsider.request().get(base));
        assertNotFound(outsider.request().get(base + "/timeline"));
        assertNotFound(outsider.request().body(Map.of("text", "hello")).post(base + "/timeline"));
        assertNotFound(Api.changeStatus(outsider.request(), id, "INVESTIGATING"));
        assertNotFound(outsider.request().body(Map.of("severity", "SEV2", "reason", "r")).post(base + "/severity"));
        assertNotFound(outsider.request().body(Map.of("userId", someone.id())).put(base + "/commander"));
        assertNotFound(outsider.request().get(base + "/participants"));
        assertNotFound(outsider.request().body(Map.of("userId", someone.id())).post(base + "/participants"));
        assertNotFound(outsider.request().delete(base + "/participants/" + declarer.id()));

        outsider.request().get("/api/v1/incidents" + window()).then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        outsider.request().get("/api/v1/incidents?category=CHILD_SAFETY&limit=200").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        outsider.request().get("/api/v1/incidents/counts" + window()).then().statusCode(200)
                .body("total", equalTo(0));
        problemJson(outsider.request().get("/api/v1/audit?entityId=" + id), 403);
    }

    @Test
    void theNotFoundAnswerIsTheSameAsForAnIncidentThatDoesNotExist() {
        TestUser outsider = Api.user("MANAGER");
        String missing = UUID.randomUUID().toString();
        String hiddenDetail = outsider.request().get("/api/v1/incidents/" + id).then().statusCode(404).extract().path("detail");
        String missingDetail = outsider.request().get("/api/v1/incidents/" + missing).then().statusCode(404)
                .extract().path("detail");
        org.assertj.core.api.Assertions.assertThat(hiddenDetail.replace(id, "X"))
                .isEqualTo(missingDetail.replace(missing, "X"));
    }

    @Test
    void theDeclarerAndAdminsSeeIt() {
        declarer.request().get("/api/v1/incidents/" + id).then().statusCode(200);
        declarer.request().get("/api/v1/incidents/counts" + window()).then().body("total", equalTo(1));
        asAdmin().get("/api/v1/incidents/" + id).then().statusCode(200);
        asAdmin().get("/api/v1/incidents" + window()).then().body("items.id", hasItem(id));
        asAdmin().get("/api/v1/incidents/counts" + window()).then().body("total", equalTo(1))
                .body("bySeverity.SEV1", equalTo(1));
        asAdmin().get("/api/v1/audit?entityType=incident&entityId=" + id).then().statusCode(200)
                .body("items.action", hasItem("incident.declared"));
        TestUser otherAdmin = Api.user("ADMIN");
        otherAdmin.request().get("/api/v1/incidents/" + id + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("DECLARED"));
    }

    @Test
    void theCommanderSeesItOnceAssigned() {
        TestUser commander = Api.user("COMMANDER");
        commander.request().get("/api/v1/incidents/" + id).then().statusCode(404);
        asAdmin().body(Map.of("userId", commander.id())).put("/api/v1/incidents/" + id + "/commander")
                .then().statusCode(200);
        commander.request().get("/api/v1/incidents/" + id).then().statusCode(200);
        commander.request().get("/api/v1/incidents" + window()).then().body("items.id", hasItem(id));
        Api.changeStatus(commander.request(), id, "INVESTIGATING")
                .then().statusCode(200).body("status", equalTo("INVESTIGATING"));
    }

    @Test
    void aParticipantSeesItUntilRemoved() {
        TestUser participant = Api.user("LEADERSHIP");
        participant.request().get("/api/v1/incidents/" + id).then().statusCode(404);
        asAdmin().body(Map.of("userId", participant.id())).post("/api/v1/incidents/" + id + "/participants")
                .then().statusCode(201).body("items.userId", hasItem(participant.id().toString()));
        participant.request().get("/api/v1/incidents/" + id).then().statusCode(200);
        participant.request().get("/api/v1/incidents/" + id + "/timeline").then().statusCode(200)
                .body("items.type", hasItem("PARTICIPANT_ADDED"));
        participant.request().get("/api/v1/incidents/counts" + window()).then().body("total", equalTo(1));
        participant.request().body(Map.of("text", "leadership is watching")).post("/api/v1/incidents/" + id + "/timeline")
                .then().statusCode(201);

        asAdmin().delete("/api/v1/incidents/" + id + "/participants/" + participant.id()).then().statusCode(200);
        participant.request().get("/api/v1/incidents/" + id).then().statusCode(404);
        participant.request().get("/api/v1/incidents/counts" + window()).then().body("total", equalTo(0));
    }

    @Test
    void violentExtremismIsRestrictedByDefaultToo() {
        Api.user("RESPONDER").request().body(Api.declaration("VIOLENT_EXTREMISM", "SEV2", "EMEA"))
                .post("/api/v1/incidents").then().statusCode(201).body("restricted", equalTo(true));
    }

    @Test
    void onlyAnAdminMayDeclareARestrictedCategoryUnrestricted() {
        Map<String, Object> body = new java.util.HashMap<>(Api.declaration("CHILD_SAFETY", "SEV2", "EMEA"));
        body.put("restricted", false);
        problemJson(Api.user("COMMANDER").request().body(body).post("/api/v1/incidents"), 403);
        asAdmin().body(body).post("/api/v1/incidents").then().statusCode(201).body("restricted", equalTo(false));
    }

    @Test
    void anyCategoryMayBeDeclaredRestricted() {
        Map<String, Object> body = new java.util.HashMap<>(Api.declaration("MISINFORMATION", "SEV3", "AMER"));
        body.put("restricted", true);
        String hidden = Api.user("RESPONDER").request().body(body).post("/api/v1/incidents")
                .then().statusCode(201).body("restricted", equalTo(true)).extract().path("id");
        Api.user("RESPONDER").request().get("/api/v1/incidents/" + hidden).then().statusCode(404);
    }

    private static void assertNotFound(io.restassured.response.Response response) {
        problemStatus(response, 404);
    }
}
