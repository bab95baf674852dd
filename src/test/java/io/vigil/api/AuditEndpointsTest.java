package io.vigil.api;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.unauthenticated;
import static io.vigil.support.Problems.validationProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REST contract of {@code GET /audit}: success with every filter, validation failure, missing or
 * bad token (401) and wrong role (403), every error as {@code application/problem+json}.
 *
 * <p>Cases that do not apply, and why they are skipped:
 * <ul>
 *   <li>{@code GET /audit}: no 404 — there is no id in the path; an {@code entityId} no entry has
 *       is an empty result, not an unknown resource.</li>
 * </ul>
 */
@QuarkusTest
class AuditEndpointsTest {

    private static final String AUDIT = "/api/v1/audit";
    private static final String INCIDENTS = "/api/v1/incidents";

    // ---------------------------------------------------------------- success and filters

    @Test
    void aStatusChangeIsAuditedWithBeforeAndAfter() {
        TestUser commander = Api.user("COMMANDER");
        String id = Api.declare(commander.request(), "MISINFORMATION", "SEV3");
        Api.changeStatus(commander.request(), id, "INVESTIGATING").then().statusCode(200);

        asAdmin().queryParam("entityType", "incident").queryParam("entityId", id).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200).contentType(ContentType.JSON)
                .body("nextCursor", nullValue())
                // newest first
                .body("items.action", contains("incident.status_changed", "incident.declared"))
                .body("items.entityType", everyItem(equalTo("incident")))
                .body("items.entityId", everyItem(equalTo(id)))
                .body("items.actor.id", everyItem(equalTo(commander.id().toString())))
                .body("items[0].actor.handle", equalTo(commander.handle()))
                .body("items[0].actor.displayName", equalTo("User " + commander.handle()))
                .body("items[0].at", notNullValue())
                .body("items[0].before.status", equalTo("DECLARED"))
                .body("items[0].after.status", equalTo("INVESTIGATING"))
                .body("items[0].before.id", equalTo(id))
                .body("items[0].after.id", equalTo(id))
                .body("items[1].before", nullValue())
                .body("items[1].after.status", equalTo("DECLARED"))
                .body("items[1].after.severity", equalTo("SEV3"))
                .body("items[1].after.declaredBy", equalTo(commander.id().toString()));
    }

    @Test
    void entriesAreFilteredByActorAndTime() {
        TestUser commander = Api.user("COMMANDER");
        String id = Api.declare(commander.request(), "OTHER", "SEV4");
        Api.changeStatus(commander.request(), id, "INVESTIGATING").then().statusCode(200);
        commander.request().body(Map.of("text", "looking")).post(INCIDENTS + "/" + id + "/timeline")
                .then().statusCode(201);

        // actor: this commander did exactly these three things
        ExtractableResponse<Response> byActor = asAdmin().queryParam("actor", commander.id().toString()).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200).extract();
        assertThat(byActor.<List<String>>path("items.action"))
                .containsExactly("incident.note_added", "incident.status_changed", "incident.declared");
        assertThat(byActor.<List<String>>path("items.actor.id")).containsOnly(commander.id().toString());

        List<String> at = byActor.path("items.at");
        Instant noteAt = Instant.parse(at.get(0));
        Instant statusAt = Instant.parse(at.get(1));
        Instant declaredAt = Instant.parse(at.get(2));
        assertThat(noteAt).isAfterOrEqualTo(statusAt);
        assertThat(statusAt).isAfterOrEqualTo(declaredAt);
        assertThat(noteAt).isAfter(declaredAt);

        // from is inclusive, to is exclusive
        assertThat(actions(Map.of("actor", commander.id().toString(), "from", noteAt.toString())))
                .containsExactly("incident.note_added");
        assertThat(actions(Map.of("actor", commander.id().toString(), "to", noteAt.toString())))
                .doesNotContain("incident.note_added").contains("incident.declared");
        assertThat(actions(Map.of("actor", commander.id().toString(), "from", declaredAt.toString(),
                "to", declaredAt.plusNanos(1_000).toString())))
                .contains("incident.declared").doesNotContain("incident.note_added");
        assertThat(actions(Map.of("actor", commander.id().toString(), "from", noteAt.plusNanos(1_000).toString())))
                .isEmpty();

        // combined with the entity filters
        assertThat(actions(Map.of("actor", commander.id().toString(), "entityType", "incident", "entityId", id)))
                .hasSize(3);
        assertThat(actions(Map.of("actor", commander.id().toString(), "entityType", "user"))).isEmpty();
        assertThat(actions(Map.of("entityType", "incident", "entityId", UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void userAndTokenChangesAreAuditedWithoutSecrets() {
        TestUser user = Api.user("RESPONDER");
        asAdmin().queryParam("entityType", "user").queryParam("entityId", user.id().toString()).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200)
                .body("items.action", contains("user.created"))
                .body("items[0].actor.handle", equalTo("admin"))
                .body("items[0].before", nullValue())
                .body("items[0].after.handle", equalTo(user.handle()));

        String tokenId = user.request().get("/api/v1/users/" + user.id() + "/tokens").then().statusCode(200)
                .extract().path("items[0].id");
        user.request().delete("/api/v1/users/" + user.id() + "/tokens/" + tokenId).then().statusCode(204);

        ExtractableResponse<Response> token = asAdmin().queryParam("entityType", "api_token")
                .queryParam("entityId", tokenId).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200)
                .body("items.action", contains("token.revoked", "token.created"))
                .body("items[0].actor.id", equalTo(user.id().toString()))
                .body("items[0].before.revokedAt", nullValue())
                .body("items[0].after.revokedAt", notNullValue())
                .body("items[1].after.userId", equalTo(user.id().toString()))
                .body("items[1].after.hint", notNullValue())
                .extract();
        assertThat(token.asString()).doesNotContain("tokenHash").doesNotContain("token_hash");
        assertThat(user.token()).isNotNull();
        assertThat(token.asString()).doesNotContain(user.token());
    }

    @Test
    void theAuditLogIsPagedNewestFirst() {
        TestUser commander = Api.user("COMMANDER");
        String id = Api.declare(commander.request(), "OTHER", "SEV4");
        Api.changeStatus(commander.request(), id, "INVESTIGATING").then().statusCode(200);

        ExtractableResponse<Response> first = asAdmin().queryParam("actor", commander.id().toString())
                .queryParam("limit", 1).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200)
                .body("items.action", contains("incident.status_changed"))
                .body("nextCursor", notNullValue()).extract();
        asAdmin().queryParam("actor", commander.id().toString()).queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor")).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200)
                .body("items.action", contains("incident.declared"))
                .body("nextCursor", nullValue());
    }

    // ---------------------------------------------------------------- validation

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of(Map.of("from", "yesterday"), "from"),
                Arguments.of(Map.of("from", "2026-01-01"), "from"),
                Arguments.of(Map.of("to", "2026-01-01T25:00:00Z"), "to"),
                Arguments.of(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"), "from"),
                Arguments.of(Map.of("actor", "admin"), "actor"),
                Arguments.of(Map.of("limit", "0"), "limit"),
                Arguments.of(Map.of("limit", "1000"), "limit"),
                Arguments.of(Map.of("cursor", "%%%"), "cursor"));
    }

    @ParameterizedTest(name = "GET /audit?{0} is a 400 naming {1}")
    @MethodSource("badQueries")
    void badQueryIsA400(Map<String, String> query, String field) {
        validationProblem(asAdmin().queryParams(query).get(AUDIT), field)
                .body("errors", hasSize(1));
    }

    // ---------------------------------------------------------------- 401, 403

    @Test
    void missingOrBadTokenIsA401() {
        unauthenticated(given(), "GET", AUDIT).header("WWW-Authenticate", containsString("Bearer"));
        unauthenticated(Api.as("vgl_nope"), "GET", AUDIT);
        problem(given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(AUDIT), 401);
        // the query is not even looked at without a valid token
        problem(given().queryParam("from", "yesterday").get(AUDIT), 401);
    }

    @ParameterizedTest(name = "a {0} may not read the audit log")
    @ValueSource(strings = {"RESPONDER", "COMMANDER", "MANAGER", "LEADERSHIP"})
    void onlyAdminsReadTheAuditLog(String role) {
        TestUser caller = Api.user(role);
        problem(caller.request().get(AUDIT), 403).body("type", equalTo("/problems/forbidden"));
        problem(caller.request().queryParam("actor", caller.id().toString()).get(AUDIT), 403);
        // a bad query from a non-admin is still a 403: roles are checked first
        problem(caller.request().queryParam("from", "yesterday").get(AUDIT), 403);
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> actions(Map<String, ?> query) {
        return asAdmin().queryParams(query).queryParam("limit", 200).get(AUDIT)
                .then().log().ifValidationFails().statusCode(200).extract().path("items.action");
    }
}
