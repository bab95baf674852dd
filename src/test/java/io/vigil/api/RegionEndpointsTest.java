package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /regions, GET/PUT /regions/{code}, GET/PUT /duty-lead. Not applicable: 404 for the
 * duty lead (a single resource without an id). Every change is restored: the database is shared.
 */
@QuarkusTest
class RegionEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String REGIONS = "/api/v1/regions";
    private static final String DUTY_LEAD = "/api/v1/duty-lead";

    private TestUser manager;
    private TestUser responder;

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(Arguments.of("GET", REGIONS), Arguments.of("GET", REGIONS + "/EMEA"),
                Arguments.of("PUT", REGIONS + "/EMEA"), Arguments.of("GET", DUTY_LEAD), Arguments.of("PUT", DUTY_LEAD));
    }

    @Override
    public String unknownToken() {
        return "vgl_not-a-region-token";
    }

    @BeforeEach
    void users() {
        manager = Api.user("MANAGER");
        responder = Api.user("RESPONDER");
    }

    private static Map<String, Object> dublin() {
        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", "Europe/Dublin");
        body.put("coverageStart", "08:00");
        body.put("coverageEnd", "16:00");
        return body;
    }

    @Test
    void theThreeRegionsAreSeededWithTheSpecDefaults() {
        responder.request().get(REGIONS).then().statusCode(200)
                .body("items.code", contains("APAC", "EMEA", "AMER"))
                .body("items.timeZone", contains("Asia/Singapore", "Europe/Dublin", "America/Los_Angeles"))
                .body("items.coverageStart", contains("08:00", "08:00", "08:00"))
                .body("items.coverageEnd", contains("16:00", "16:00", "16:00"))
                .body("nextCursor", nullValue());
        responder.request().get(REGIONS + "/APAC").then().statusCode(200).body("timeZone", equalTo("Asia/Singapore"));
    }

    @Test
    void aManagerChangesARegionAndItIsAudited() {
        Map<String, Object> body = dublin();
        body.put("coverageStart", "07:30");
        body.put("managerId", manager.id().toString());
        try {
            manager.request().body(body).put(REGIONS + "/EMEA").then().statusCode(200)
                    .body("coverageStart", equalTo("07:30")).body("manager.id", equalTo(manager.id().toString()))
                    .body("manager.handle", equalTo(manager.handle()));
            responder.request().get(REGIONS + "/EMEA").then().body("coverageStart", equalTo("07:30"));
            asAdmin().get("/api/v1/audit?entityType=region&entityId=EMEA").then().statusCode(200)
                    .body("items[0].action", equalTo("region.updated"))
                    .body("items[0].before.coverageStart", equalTo("08:00:00"))
                    .body("items[0].after.coverageStart", equalTo("07:30:00"));
        } finally {
            manager.request().body(dublin()).put(REGIONS + "/EMEA").then().statusCode(200);
        }
        responder.request().get(REGIONS + "/EMEA").then().body("coverageStart", equalTo("08:00")).body("manager", nullValue());
    }

    static Stream<Arguments> badRegionBodies() {
        return Stream.of(
                Arguments.of(Map.of("timeZone", "Mars/Olympus"), "timeZone"),
                Arguments.of(Map.of("timeZone", ""), "timeZone"),
                Arguments.of(Map.of("coverageStart", "25:00"), "coverageStart"),
                Arguments.of(Map.of("coverageStart", "8am"), "coverageStart"),
                Arguments.of(Map.of("coverageEnd", "08:00"), "coverageEnd"),
                Arguments.of(Map.of("managerId", UUID.randomUUID().toString()), "managerId"),
                Arguments.of(Map.of("managerId", "not-a-uuid"), "managerId"),
                Arguments.of(Map.of("surprise", true), "surprise"));
    }

    @ParameterizedTest(name = "{0} is a 400 naming {1}")
    @MethodSource("badRegionBodies")
    void badRegionBodiesAre400s(Map<String, Object> change, String field) {
        Map<String, Object> body = dublin();
        body.putAll(change);
        validationProblem(manager.request().body(body).put(REGIONS + "/EMEA"), field);
        responder.request().get(REGIONS + "/EMEA").then().body("timeZone", equalTo("Europe/Dublin"))
                .body("coverageStart", equalTo("08:00"));
    }

    @Test
    void responderAndCommanderMayNotChangeRegions() {
        problem(responder.request().body(dublin()).put(REGIONS + "/EMEA"), 403);
        problem(Api.user("COMMANDER").request().body(dublin()).put(REGIONS + "/EMEA"), 403);
    }

    @Test
    void unknownRegionsAre404s() {
        problem(responder.request().get(REGIONS + "/MARS"), 404);
        problem(manager.request().body(dublin()).put(REGIONS + "/MARS"), 404);
    }

    @Test
    void theDutyLead() {
        String previous = responder.request().get(DUTY_LEAD).then().statusCode(200).extract().path("user.id");
        try {
            manager.request().body(Map.of("userId", responder.id())).put(DUTY_LEAD).then().statusCode(200)
                    .body("user.id", equalTo(responder.id().toString()))
                    .body("user.handle", equalTo(responder.handle()));
            Api.user("LEADERSHIP").request().get(DUTY_LEAD).then().statusCode(200)
                    .body("user.id", equalTo(responder.id().toString()));
            asAdmin().get("/api/v1/audit?entityType=duty_lead").then().body("items.action", hasItem("duty_lead.updated"));
        } finally {
            if (previous != null) {
                asAdmin().body(Map.of("userId", previous)).put(DUTY_LEAD).then().statusCode(200);
            }
        }
    }

    @Test
    void badDutyLeadRequests() {
        validationProblem(manager.request().body(Map.of("userId", UUID.randomUUID())).put(DUTY_LEAD), "userId");
        validationProblem(manager.request().body(Map.of()).put(DUTY_LEAD), "userId");
        problem(responder.request().body(Map.of("userId", responder.id())).put(DUTY_LEAD), 403);
    }
}
