package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rotations, overrides and GET /oncall. This class alone owns the EMEA PRIMARY rotation (one per
 * region and layer, in a database shared by all test classes): a daily rotation handing off at
 * 09:00 Dublin time from 1 July 2026 between ANA (even days) and BEN (odd days). It asks about
 * July 2026, which is in the past, so edits made "now" must not change those answers.
 */
@QuarkusTest
class OnCallEndpointsTest implements EveryEndpointNeedsAToken {

    private static TestUser ana;
    private static TestUser ben;
    private static String rotationId;

    private TestUser manager;
    private TestUser responder;

    static Stream<Arguments> everyEndpoint() {
        String id = UUID.randomUUID().toString();
        return Stream.of(Arguments.of("POST", "/api/v1/rotations"), Arguments.of("GET", "/api/v1/rotations"),
                Arguments.of("GET", "/api/v1/rotations/" + id), Arguments.of("PUT", "/api/v1/rotations/" + id),
                Arguments.of("POST", "/api/v1/overrides"), Arguments.of("GET", "/api/v1/overrides"),
                Arguments.of("DELETE", "/api/v1/overrides/" + id), Arguments.of("GET", "/api/v1/oncall"),
                Arguments.of("GET", "/api/v1/oncall/coverage?from=2026-07-15T00:00:00Z&to=2026-07-16T00:00:00Z"));
    }

    @Override
    public String unknownToken() {
        return "vgl_not-an-oncall-token";
    }

    @BeforeEach
    void setUp() {
        manager = Api.user("MANAGER");
        responder = Api.user("RESPONDER");
        synchronized (OnCallEndpointsTest.class) {
            if (rotationId == null) {
                ana = Api.user("RESPONDER");
                ben = Api.user("RESPONDER");
                rotationId = manager.request().body(rotation(List.of(ana.id(), ben.id())))
                        .post("/api/v1/rotations").then().statusCode(201)
                        .body("region", equalTo("EMEA")).body("layer", equalTo("PRIMARY"))
                        .body("participants[0].handle", equalTo(ana.handle()))
                        .body("shiftLength", equalTo("PT24H")).body("firstHandoff", equalTo("2026-07-01T09:00"))
                        .extract().path("id");
            }
        }
    }

    private static Map<String, Object> rotation(List<UUID> participants) {
        Map<String, Object> body = new HashMap<>();
        body.put("region", "EMEA");
        body.put("layer", "PRIMARY");
        body.put("participants", participants);
        body.put("shiftLength", "P1D");
        body.put("firstHandoff", "2026-07-01T09:00");
        return body;
    }

    private ValidatableResponse oncallAt(String at) {
        return responder.request().get("/api/v1/oncall?at=" + at).then().statusCode(200);
    }

    private static Map<String, Object> override(UUID user, String start, String end) {
        return Map.of("region", "EMEA", "layer", "PRIMARY", "userId", user, "start", start, "end", end);
    }

    @Test
    void whoIsOnCallInJuly() {
        // 15 July is day 14 of the rotation: ANA's; EMEA holds the pager at noon UTC
        oncallAt("2026-07-15T12:00:00Z")
                .body("activeRegion", equalTo("EMEA")).body("gap", equalTo(false))
                .body("regions.region", equalTo(List.of("APAC", "EMEA", "AMER")))
                .body("regions[1].inCoverage", equalTo(true))
                .body("regions[1].primary.id", equalTo(ana.id().toString()))
                .body("regions[1].secondary", nullValue())
                .body("regions[1].shiftEndsAt", equalTo("2026-07-16T08:00:00Z"))
                .body("regions[1].coverageEndsAt", equalTo("2026-07-15T15:00:00Z"))
                .body("regions[0].inCoverage", equalTo(false));
        oncallAt("2026-07-16T08:00:00Z").body("regions[1].primary.id", equalTo(ben.id().toString()));
        oncallAt("2026-07-15T07:30:00Z").body("activeRegion", equalTo("EMEA")).body("gap", equalTo(false));
        oncallAt("2026-07-15T23:30:00Z").body("activeRegion", equalTo("AMER")).body("gap", equalTo(true));
        oncallAt("2026-06-30T12:00:00Z").body("regions[1].primary", nullValue()); // before the first handoff
    }

    @Test
    void editingTheRotationKeepsThePastAndChangesTheFuture() {
        TestUser cho = Api.user("RESPONDER");
        oncallAt("2026-07-20T12:00:00Z").body("regions[1].primary.id", equalTo(ben.id().toString())); // day 19: BEN
        manager.request().body(Map.of("participants", List.of(cho.id()), "shiftLength", "P1D",
                        "firstHandoff", "2026-07-01T09:00"))
                .put("/api/v1/rotations/" + rotationId).then().statusCode(200)
                .body("participants.id", equalTo(List.of(cho.id().toString())));
        oncallAt("2026-07-20T12:00:00Z").body("regions[1].primary.id", equalTo(ben.id().toString())); // day 19: BEN
        oncallAt("2099-01-01T12:00:00Z").body("regions[1].primary.id", equalTo(cho.id().toString()));
        asAdmin().get("/api/v1/audit?entityType=rotation&entityId=" + rotationId).then()
                .body("items.action", hasItem("rotation.edited"));
    }

    @Test
    void anOverrideStandsInAndCanBeDeleted() {
        TestUser ola = Api.user("RESPONDER");
        String id = manager.request().body(override(ola.id(), "2026-07-22T10:00:00Z", "2026-07-22T14:00:00Z"))
                .post("/api/v1/overrides").then().statusCode(201)
                .body("user.id", equalTo(ola.id().toString())).extract().path("id");
        oncallAt("2026-07-22T12:00:00Z").body("regions[1].primary.id", equalTo(ola.id().toString()));
        oncallAt("2026-07-22T14:00:00Z").body("regions[1].primary.id", equalTo(ben.id().toString())); // day 21: BEN
        responder.request().get("/api/v1/overrides?region=EMEA&layer=PRIMARY&from=2026-07-22T00:00:00Z&to=2026-07-23T00:00:00Z")
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));

        problem(manager.request().body(override(ola.id(), "2026-07-22T13:00:00Z", "2026-07-22T15:00:00Z"))
                .post("/api/v1/overrides"), 409);
        // touching, not overlapping: allowed
        String next = manager.request().body(override(ola.id(), "2026-07-22T14:00:00Z", "2026-07-22T15:00:00Z"))
                .post("/api/v1/overrides").then().statusCode(201).extract().path("id");

        manager.request().delete("/api/v1/overrides/" + id).then().statusCode(204);
        oncallAt("2026-07-22T12:00:00Z").body("regions[1].primary.id", equalTo(ben.id().toString()));
        manager.request().delete("/api/v1/overrides/" + next).then().statusCode(204);
        problem(manager.request().delete("/api/v1/overrides/" + id), 404);
    }

    @Test
    void aSecondRotationForTheSameLayerIsAConflict() {
        problem(manager.request().body(rotation(List.of(ana.id()))).post("/api/v1/rotations"), 409);
    }

    static Stream<Arguments> badRotations() {
        return Stream.of(
                Arguments.of("shiftLength", "PT30M", "shiftLength"),
                Arguments.of("shiftLength", "P400D", "shiftLength"),
                Arguments.of("shiftLength", "weekly", "shiftLength"),
                Arguments.of("firstHandoff", "tomorrow", "firstHandoff"),
                Arguments.of("participants", List.of(), "participants"),
                Arguments.of("participants", List.of(UUID.randomUUID()), "participants[0]"),
                Arguments.of("layer", "TERTIARY", "layer"),
                Arguments.of("region", "MARS", "region"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("badRotations")
    void badRotationsAre400s(String key, Object value, String field) {
        Map<String, Object> body = rotation(List.of(ana.id()));
        body.put("region", "APAC");
        body.put(key, value);
        validationProblem(manager.request().body(body).post("/api/v1/rotations"), field);
    }

    @Test
    void badOverridesAre400s() {
        validationProblem(manager.request().body(override(ana.id(), "2026-07-23T14:00:00Z", "2026-07-23T10:00:00Z"))
                .post("/api/v1/overrides"), "end");
        validationProblem(manager.request().body(override(UUID.randomUUID(), "2026-07-23T10:00:00Z", "2026-07-23T14:00:00Z"))
                .post("/api/v1/overrides"), "userId");
        validationProblem(manager.request().body(Map.of("region", "EMEA", "layer", "PRIMARY", "userId", ana.id(),
                "start", "yesterday", "end", "2026-07-23T14:00:00Z")).post("/api/v1/overrides"), "start");
        validationProblem(responder.request().get("/api/v1/oncall?at=noon"), "at");
    }

    @Test
    void responderReadsButOnlyManagersEdit() {
        responder.request().get("/api/v1/rotations").then().statusCode(200).body("items.id", hasItem(rotationId));
        responder.request().get("/api/v1/rotations/" + rotationId).then().statusCode(200);
        problem(responder.request().body(rotation(List.of(ana.id()))).post("/api/v1/rotations"), 403);
        problem(Api.user("COMMANDER").request().body(Map.of("participants", List.of(ana.id()), "shiftLength", "P1D",
                "firstHandoff", "2026-07-01T09:00")).put("/api/v1/rotations/" + rotationId), 403);
        problem(responder.request().body(override(ana.id(), "2026-07-24T10:00:00Z", "2026-07-24T14:00:00Z"))
                .post("/api/v1/overrides"), 403);
        problem(responder.request().delete("/api/v1/overrides/" + UUID.randomUUID()), 403);
    }

    @Test
    void unknownIdsAre404s() {
        problem(responder.request().get("/api/v1/rotations/" + UUID.randomUUID()), 404);
        problem(manager.request().body(Map.of("participants", List.of(ana.id()), "shiftLength", "P1D",
                "firstHandoff", "2026-07-01T09:00")).put("/api/v1/rotations/" + UUID.randomUUID()), 404);
        problem(manager.request().delete("/api/v1/overrides/" + UUID.randomUUID()), 404);
    }

    @Test
    void coverageOfAJulyDay() {
        responder.request().get("/api/v1/oncall/coverage?from=2026-07-15T00:00:00Z&to=2026-07-16T00:00:00Z")
                .then().statusCode(200)
                .body("gaps", equalTo(List.of(Map.of("start", "2026-07-15T23:00:00Z", "end", "2026-07-16T00:00:00Z"))))
                .body("overlaps[0].start", equalTo("2026-07-15T07:00:00Z"))
                .body("overlaps[0].end", equalTo("2026-07-15T08:00:00Z"))
                .body("overlaps[0].regions", equalTo(List.of("APAC", "EMEA")))
                // EMEA PRIMARY is staffed by the rotation; its SECONDARY layer has nobody
                .body("unstaffed.findAll { it.region == 'EMEA' && it.layer == 'PRIMARY' }", equalTo(List.of()))
                .body("unstaffed.findAll { it.region == 'EMEA' && it.layer == 'SECONDARY' }.start",
                        equalTo(List.of("2026-07-15T07:00:00Z")))
                .body("unstaffed.findAll { it.region == 'EMEA' && it.layer == 'SECONDARY' }.end",
                        equalTo(List.of("2026-07-15T15:00:00Z")));
    }

    @Test
    void badCoverageRanges() {
        validationProblem(responder.request().get("/api/v1/oncall/coverage?to=2026-07-16T00:00:00Z"), "from");
        validationProblem(responder.request().get("/api/v1/oncall/coverage?from=2026-07-16T00:00:00Z"), "to");
        validationProblem(responder.request().get(
                "/api/v1/oncall/coverage?from=2026-07-16T00:00:00Z&to=2026-07-15T00:00:00Z"), "from");
        validationProblem(responder.request().get(
                "/api/v1/oncall/coverage?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"), "to");
    }
}
