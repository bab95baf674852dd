package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
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

/** CRUD of escalation policies: success, validation, 401, 403, 404, and the protected default. */
@QuarkusTest
class EscalationPolicyEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String POLICIES = "/api/v1/escalation-policies";
    private static final String DEFAULT_ID = "00000000-0000-0000-0000-00000000e5c1";

    private TestUser manager;
    private TestUser responder;

    static Stream<Arguments> everyEndpoint() {
        String id = UUID.randomUUID().toString();
        return Stream.of(Arguments.of("POST", POLICIES), Arguments.of("GET", POLICIES),
                Arguments.of("GET", POLICIES + "/" + id), Arguments.of("PUT", POLICIES + "/" + id),
                Arguments.of("DELETE", POLICIES + "/" + id));
    }

    @Override
    public String unknownToken() {
        return "vgl_not-a-policy-token";
    }

    @BeforeEach
    void users() {
        manager = Api.user("MANAGER");
        responder = Api.user("RESPONDER");
    }

    private Map<String, Object> policy(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("severities", List.of("SEV1"));
        body.put("categories", List.of("CHILD_SAFETY"));
        body.put("levels", List.of(
                Map.of("targets", List.of(Map.of("type", "REGION_PRIMARY", "region", "EMEA")), "ackTimeout", "PT2M"),
                Map.of("targets", List.of(Map.of("type", "USER", "userId", manager.id().toString()),
                        Map.of("type", "DUTY_LEAD")))));
        body.put("repeat", 1);
        return body;
    }

    @Test
    void theDefaultPolicyOfTheSpecIsSeeded() {
        responder.request().get(POLICIES + "/" + DEFAULT_ID).then().statusCode(200)
                .body("isDefault", equalTo(true)).body("repeat", equalTo(0))
                .body("levels.targets.type", equalTo(List.of(List.of("ACTIVE_PRIMARY"), List.of("ACTIVE_SECONDARY"),
                        List.of("REGION_MANAGER"), List.of("DUTY_LEAD"))))
                .body("levels[0].ackTimeout", nullValue());
        responder.request().get(POLICIES).then().statusCode(200).body("items[0].id", equalTo(DEFAULT_ID));
    }

    @Test
    void createReadUpdateDelete() {
        String name = Api.uniqueCode("Child safety SEV1 ");
        var created = manager.request().body(policy(name)).post(POLICIES).then().statusCode(201)
                .body("name", equalTo(name)).body("severities", equalTo(List.of("SEV1")))
                .body("levels[0].ackTimeout", equalTo("PT2M"))
                .body("levels[1].targets[0].userId", equalTo(manager.id().toString()))
                .extract();
        String id = created.path("id");
        org.assertj.core.api.Assertions.assertThat(created.header("Location")).endsWith(POLICIES + "/" + id);
        responder.request().get(POLICIES).then().body("items.id", hasItem(id));

        Map<String, Object> changed = policy(name);
        changed.put("repeat", 3);
        manager.request().body(changed).put(POLICIES + "/" + id).then().statusCode(200).body("repeat", equalTo(3));
        asAdmin().get("/api/v1/audit?entityType=escalation_policy&entityId=" + id).then()
                .body("items.action", hasItem("escalation_policy.updated"));

        problem(manager.request().body(policy(name)).post(POLICIES), 409);
        manager.request().delete(POLICIES + "/" + id).then().statusCode(204);
        problem(responder.request().get(POLICIES + "/" + id), 404);
        responder.request().get(POLICIES).then().body("items.id", not(hasItem(id)));
    }

    @Test
    void theDefaultCannotBeDeleted() {
        problem(manager.request().delete(POLICIES + "/" + DEFAULT_ID), 409);
    }

    static Stream<Arguments> badPolicies() {
        return Stream.of(
                Arguments.of("levels", List.of(), "levels"),
                Arguments.of("levels", List.of(Map.of("targets", List.of())), "levels[0].targets"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "ACTIVE_PRIMARY")),
                        "ackTimeout", "PT5S")), "levels[0].ackTimeout"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "ACTIVE_PRIMARY")),
                        "ackTimeout", "PT25H")), "levels[0].ackTimeout"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "REGION_PRIMARY")))),
                        "levels[0].targets[0].region"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "USER")))),
                        "levels[0].targets[0].userId"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "USER",
                        "userId", UUID.randomUUID().toString())))), "levels[0].targets[0].userId"),
                Arguments.of("levels", List.of(Map.of("targets", List.of(Map.of("type", "NOBODY")))),
                        "levels[0].targets[0].type"),
                Arguments.of("severities", List.of("SEV9"), "severities[0]"),
                Arguments.of("categories", List.of("NOPE"), "categories[0]"),
                Arguments.of("repeat", 11, "repeat"),
                Arguments.of("name", "", "name"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("badPolicies")
    void badPoliciesAre400s(String key, Object value, String field) {
        Map<String, Object> body = policy(Api.uniqueCode("Bad "));
        body.put(key, value);
        validationProblem(manager.request().body(body).post(POLICIES), field);
    }

    @Test
    void responderReadsButCannotEdit() {
        problem(responder.request().body(policy(Api.uniqueCode("R "))).post(POLICIES), 403);
        problem(responder.request().body(policy(Api.uniqueCode("R "))).put(POLICIES + "/" + DEFAULT_ID), 403);
        problem(responder.request().delete(POLICIES + "/" + DEFAULT_ID), 403);
    }

    @Test
    void unknownIdsAre404s() {
        problem(responder.request().get(POLICIES + "/" + UUID.randomUUID()), 404);
        problem(manager.request().body(policy(Api.uniqueCode("U "))).put(POLICIES + "/" + UUID.randomUUID()), 404);
        problem(manager.request().delete(POLICIES + "/" + UUID.randomUUID()), 404);
        problem(responder.request().get(POLICIES + "/not-a-uuid"), 404);
    }
}
