package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.unauthenticatedWithToken;
import static io.vigil.support.Problems.validationProblem;
import static io.vigil.support.Problems.withRawBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * REST contract of users, {@code /me} and API tokens: for every endpoint success, validation
 * failure, missing or bad token (401), wrong role (403) and unknown id (404), every error as
 * {@code application/problem+json}.
 *
 * <p>Cases that do not apply, and why they are skipped:
 * <ul>
 *   <li>{@code POST /users}: no 404 — there is no id in the path.</li>
 *   <li>{@code GET /users}: no 403 — every authenticated caller may list users; no 404 — no id.</li>
 *   <li>{@code GET /users/{id}}: no validation failure — the only input is the id, and a malformed
 *       id names nothing, so it is a 404; no 403 — every authenticated caller may read a user.</li>
 *   <li>{@code GET /me}: no validation failure (no input), no 403 (no role gate), no 404 (no id).</li>
 *   <li>{@code GET /users/{id}/tokens} and {@code DELETE /users/{id}/tokens/{tokenId}}: no
 *       validation failure — no body and no query; malformed ids are 404s.</li>
 * </ul>
 */
@QuarkusTest
class UserEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String USERS = "/api/v1/users";

    // ---------------------------------------------------------------- 401 on every endpoint

    static Stream<Arguments> everyEndpoint() {
        String user = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("POST", USERS),
                Arguments.of("GET", USERS),
                Arguments.of("GET", USERS + "/" + user),
                Arguments.of("GET", "/api/v1/me"),
                Arguments.of("POST", USERS + "/" + user + "/tokens"),
                Arguments.of("GET", USERS + "/" + user + "/tokens"),
                Arguments.of("DELETE", USERS + "/" + user + "/tokens/" + UUID.randomUUID()));
    }

    @Override
    public String unknownToken() {
        return "vgl_thisTokenWasNeverIssuedByVigil0000000000000";
    }

    /** As {@link EveryEndpointNeedsAToken#unknownTokenIs401}, and the answer carries a Bearer challenge too. */
    @Override
    @ParameterizedTest(name = "{0} {1} with an unknown token is 401")
    @MethodSource("everyEndpoint")
    public void unknownTokenIs401(String method, String path) {
        unauthenticatedWithToken(unknownToken(), method, path)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    // ---------------------------------------------------------------- POST /users

    @Test
    void adminCreatesAUserAndAnyoneCanReadIt() {
        String handle = handle();
        String slackUserId = "U" + Long.toString(System.nanoTime(), 36).toUpperCase();
        ExtractableResponse<Response> created = asAdmin().body(Map.of(
                        "handle", handle,
                        "displayName", "  Ada Lovelace  ",
                        "email", handle + "@Example.org",
                        "slackUserId", slackUserId,
                        "timeZone", "America/Los_Angeles",
                        "roles", List.of("RESPONDER", "COMMANDER"),
                        "languages", List.of("en", "pt-BR")))
                .post(USERS)
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("handle", equalTo(handle))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("email", equalTo(handle + "@Example.org"))
                .body("slackUserId", equalTo(slackUserId))
                .body("timeZone", equalTo("America/Los_Angeles"))
                .body("roles", containsInAnyOrder("RESPONDER", "COMMANDER"))
                .body("languages", equalTo(List.of("en", "pt-BR")))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(USERS + "/" + id);

        TestUser reader = Api.user("LEADERSHIP");
        reader.request().get(USERS + "/" + id)
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("handle", equalTo(handle))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("roles", containsInAnyOrder("RESPONDER", "COMMANDER"))
                .body("$", not(hasKey("builtIn")));
    }

    static Stream<Arguments> invalidUsers() {
        return Stream.of(
                Arguments.of("handle", "Not A Handle", "handle"),
                Arguments.of("handle", null, "handle"),
                Arguments.of("displayName", "", "displayName"),
                Arguments.of("email", "not-an-email", "email"),
                Arguments.of("slackUserId", "bob", "slackUserId"),
                Arguments.of("timeZone", "Mars/Olympus_Mons", "timeZone"),
                Arguments.of("timeZone", "", "timeZone"),
                Arguments.of("roles", List.of(), "roles"),
                Arguments.of("roles", List.of("KING"), "roles[0]"),
                Arguments.of("languages", List.of("English!"), "languages[0]"),
                Arguments.of("nickname", "ada", "nickname"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("invalidUsers")
    void invalidUserIsA400NamingTheField(String field, Object value, String reported) {
        Map<String, Object> body = validUser(handle());
        body.put(field, value);
        validationProblem(asAdmin().body(body).post(USERS), reported)
                .body("errors.find { it.field == '" + reported + "' }.message", notNullValue());
    }

    @Test
    void badTimeZoneIsA400OnTimeZoneAndNothingIsCreated() {
        String handle = handle();
        Map<String, Object> body = validUser(handle);
        body.put("timeZone", "Europe/Atlantis");
        problem(asAdmin().body(body).post(USERS), 400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("timeZone"));
        // the same handle is still free
        asAdmin().body(validUser(handle)).post(USERS).then().statusCode(201);
    }

    @Test
    void missingBodyIsA400() {
        problem(asAdmin().post(USERS), 400).body("errors.field", hasItem("body"));
    }

    @Test
    void duplicateHandleOrEmailIsA409() {
        String handle = handle();
        asAdmin().body(validUser(handle)).post(USERS).then().statusCode(201);

        Map<String, Object> sameHandle = validUser(handle);
        sameHandle.put("email", handle() + "@example.org");
        problem(asAdmin().body(sameHandle).post(USERS), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", containsString(handle));

        Map<String, Object> sameEmail = validUser(handle());
        sameEmail.put("email", (handle + "@example.org").toUpperCase());
        problem(asAdmin().body(sameEmail).post(USERS), 409).body("type", equalTo("/problems/conflict"));
    }

    @ParameterizedTest(name = "a {0} may not create users")
    @ValueSource(strings = {"RESPONDER", "COMMANDER", "MANAGER", "LEADERSHIP"})
    void onlyAdminsCreateUsers(String role) {
        TestUser caller = Api.user(role);
        String handle = handle();
        problem(caller.request().body(validUser(handle)).post(USERS), 403)
                .body("type", equalTo("/problems/forbidden"));
        // and nothing was created: the handle is still free
        asAdmin().body(validUser(handle)).post(USERS).then().statusCode(201);
    }

    // ---------------------------------------------------------------- GET /users, GET /users/{id}

    @Test
    void unknownUserIsA404() {
        UUID unknown = UUID.randomUUID();
        problem(asAdmin().get(USERS + "/" + unknown), 404)
                .body("type", equalTo("/problems/not-found"))
                .body("detail", containsString(unknown.toString()));
        problem(asAdmin().get(USERS + "/not-a-uuid"), 404).body("type", equalTo("/problems/not-found"));
        problem(Api.user("RESPONDER").request().get(USERS + "/" + unknown), 404);
    }

    @Test
    void usersArePagedInCreationOrderWithACursor() {
        TestUser a = Api.user("RESPONDER");
        TestUser b = Api.user("LEADERSHIP");
        TestUser c = Api.user("MANAGER");

        ExtractableResponse<Response> first = b.request().queryParam("limit", 1).get(USERS)
                .then().log().ifValidationFails().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue()).extract();
        ExtractableResponse<Response> second = b.request().queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor")).get(USERS)
                .then().log().ifValidationFails().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue()).extract();
        assertThat(second.<String>path("items[0].id")).isNotEqualTo(first.<String>path("items[0].id"));
        assertThat(Instant.parse(second.path("items[0].createdAt")))
                .isAfterOrEqualTo(Instant.parse(first.path("items[0].createdAt")));

        // Walk every page: no user twice, the last page has no cursor, and ours come in creation order.
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = b.request().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get(USERS).then().statusCode(200).extract();
            all.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            assertThat(++pages).as("pages").isLessThan(1000);
        } while (cursor != null);
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        assertThat(all.get(0)).isEqualTo(first.path("items[0].id"));
        assertThat(all.get(1)).isEqualTo(second.path("items[0].id"));
        assertThat(all).containsSubsequence(a.id().toString(), b.id().toString(), c.id().toString());
    }

    @Test
    void badPagingParametersAre400s() {
        problem(asAdmin().queryParam("limit", 0).get(USERS), 400).body("errors.field", hasItem("limit"));
        problem(asAdmin().queryParam("limit", 201).get(USERS), 400).body("errors.field", hasItem("limit"));
        problem(asAdmin().queryParam("limit", "ten").get(USERS), 400).body("errors.field", hasItem("limit"));
        problem(asAdmin().queryParam("cursor", "garbage").get(USERS), 400).body("errors.field", hasItem("cursor"));
    }

    // ---------------------------------------------------------------- GET /me

    @Test
    void meIsTheCaller() {
        TestUser user = Api.user("RESPONDER", "LEADERSHIP");
        user.request().get("/api/v1/me").then().log().ifValidationFails()
                .statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("handle", equalTo(user.handle()))
                .body("displayName", equalTo("User " + user.handle()))
                .body("timeZone", equalTo("Europe/Dublin"))
                .body("roles", containsInAnyOrder("RESPONDER", "LEADERSHIP"));
        asAdmin().get("/api/v1/me").then().statusCode(200)
                .body("handle", equalTo("admin"))
                .body("roles", equalTo(List.of("ADMIN")));
    }

    // ---------------------------------------------------------------- tokens

    @Test
    void anIssuedTokenIsShownOnceAndWorks() {
        TestUser user = Api.user("RESPONDER");
        ExtractableResponse<Response> issued = asAdmin().body(Map.of("name", "  laptop  "))
                .post(USERS + "/" + user.id() + "/tokens")
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("userId", equalTo(user.id().toString()))
                .body("name", equalTo("laptop"))
                .body("token", startsWith("vgl_"))
                .body("createdAt", notNullValue())
                .extract();
        String secret = issued.path("token");
        String tokenId = issued.path("id");
        assertThat(secret.length()).isGreaterThanOrEqualTo(40);

        Api.as(secret).get("/api/v1/me").then().statusCode(200).body("id", equalTo(user.id().toString()));

        // Afterwards only metadata: never the secret, not even to its owner or an admin.
        for (RequestSpecification reader : List.of(user.request(), asAdmin())) {
            ExtractableResponse<Response> list = reader.get(USERS + "/" + user.id() + "/tokens")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("items.id", hasItem(tokenId))
                    .body("nextCursor", nullValue())
                    .extract();
            Map<String, Object> token = list.path("items.find { it.id == '" + tokenId + "' }");
            assertThat(token).doesNotContainKey("token")
                    .containsEntry("name", "laptop")
                    .containsEntry("userId", user.id().toString())
                    .containsEntry("hint", secret.substring(0, 8) + "…")
                    .containsEntry("revokedAt", null);
            assertThat(list.asString()).doesNotContain(secret);
        }
        assertThat(asAdmin().get(USERS + "/" + user.id()).asString()).doesNotContain(secret);
    }

    @Test
    void aRevokedTokenIsA401FromThenOn() {
        TestUser user = Api.user("RESPONDER");
        ExtractableResponse<Response> issued = asAdmin().body(Map.of("name", "ci"))
                .post(USERS + "/" + user.id() + "/tokens").then().statusCode(201).extract();
        String secret = issued.path("token");
        String tokenId = issued.path("id");
        // used once, so the authenticator has it cached
        Api.as(secret).get("/api/v1/me").then().statusCode(200);

        user.request().delete(USERS + "/" + user.id() + "/tokens/" + tokenId).then().log().ifValidationFails()
                .statusCode(204);

        problem(Api.as(secret).get("/api/v1/me"), 401).header("WWW-Authenticate", containsString("Bearer"));
        problem(Api.as(secret).get(USERS), 401);
        user.request().get(USERS + "/" + user.id() + "/tokens").then().statusCode(200)
                .body("items.find { it.id == '" + tokenId + "' }.revokedAt", notNullValue());

        // revoking again is a no-op, and the user's other token is untouched
        user.request().delete(USERS + "/" + user.id() + "/tokens/" + tokenId).then().statusCode(204);
        user.request().get("/api/v1/me").then().statusCode(200);
        problem(Api.as(secret).get("/api/v1/me"), 401);
    }

    @Test
    void anAdminRevokesAnyonesToken() {
        TestUser user = Api.user("MANAGER");
        String tokenId = user.request().get(USERS + "/" + user.id() + "/tokens").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("items[0].id");
        asAdmin().delete(USERS + "/" + user.id() + "/tokens/" + tokenId).then().statusCode(204);
        problem(user.request().get("/api/v1/me"), 401);
    }

    @Test
    void nonAdminsManageTheirOwnTokensOnly() {
        TestUser me = Api.user("RESPONDER");
        TestUser other = Api.user("LEADERSHIP");

        String mine = me.request().body(Map.of("name", "second")).post(USERS + "/" + me.id() + "/tokens")
                .then().log().ifValidationFails().statusCode(201)
                .body("userId", equalTo(me.id().toString())).extract().path("id");
        me.request().get(USERS + "/" + me.id() + "/tokens").then().statusCode(200)
                .body("items", hasSize(2)).body("items.id", hasItem(mine));
        me.request().delete(USERS + "/" + me.id() + "/tokens/" + mine).then().statusCode(204);

        String theirs = other.request().get(USERS + "/" + other.id() + "/tokens").then().statusCode(200)
                .extract().path("items[0].id");
        problem(me.request().body(Map.of("name", "sneaky")).post(USERS + "/" + other.id() + "/tokens"), 403)
                .body("type", equalTo("/problems/forbidden"));
        problem(me.request().get(USERS + "/" + other.id() + "/tokens"), 403)
                .body("type", equalTo("/problems/forbidden"));
        problem(me.request().delete(USERS + "/" + other.id() + "/tokens/" + theirs), 403)
                .body("type", equalTo("/problems/forbidden"));

        // nothing happened to the other user's tokens
        other.request().get("/api/v1/me").then().statusCode(200);
        other.request().get(USERS + "/" + other.id() + "/tokens").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].revokedAt", nullValue());
    }

    static Stream<Arguments> invalidTokenRequests() {
        return Stream.of(
                Arguments.of("{\"name\":\"\"}", "name"),
                Arguments.of("{\"name\":\"   \"}", "name"),
                Arguments.of("{\"name\":\"" + "x".repeat(101) + "\"}", "name"),
                Arguments.of("{\"name\":7}", "name"),
                Arguments.of("{}", "name"),
                Arguments.of("{\"name\":\"ok\",\"expires\":\"never\"}", "expires"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "token request {0} is a 400 naming {1}")
    @MethodSource("invalidTokenRequests")
    void invalidTokenRequestIsA400(String body, String field) {
        TestUser user = Api.user("RESPONDER");
        validationProblem(withRawBody(user.request(), body).post(USERS + "/" + user.id() + "/tokens"), field);
        user.request().get(USERS + "/" + user.id() + "/tokens").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void tokensOfUnknownUsersAndUnknownTokensAre404s() {
        UUID nobody = UUID.randomUUID();
        problem(asAdmin().body(Map.of("name", "x")).post(USERS + "/" + nobody + "/tokens"), 404)
                .body("type", equalTo("/problems/not-found"));
        problem(asAdmin().body(Map.of("name", "x")).post(USERS + "/not-a-uuid/tokens"), 404);
        problem(asAdmin().get(USERS + "/" + nobody + "/tokens"), 404);
        problem(asAdmin().delete(USERS + "/" + nobody + "/tokens/" + UUID.randomUUID()), 404);

        TestUser user = Api.user("RESPONDER");
        TestUser other = Api.user("RESPONDER");
        problem(asAdmin().delete(USERS + "/" + user.id() + "/tokens/" + UUID.randomUUID()), 404)
                .body("type", equalTo("/problems/not-found"));
        problem(user.request().delete(USERS + "/" + user.id() + "/tokens/not-a-uuid"), 404);

        // a real token, but of another user: not found under this user, and left alone
        String othersToken = other.request().get(USERS + "/" + other.id() + "/tokens").then().statusCode(200)
                .extract().path("items[0].id");
        problem(asAdmin().delete(USERS + "/" + user.id() + "/tokens/" + othersToken), 404);
        other.request().get("/api/v1/me").then().statusCode(200);
    }

    // ---------------------------------------------------------------- helpers

    private static String handle() {
        return Api.unique("t", 14);
    }

    private static Map<String, Object> validUser(String handle) {
        Map<String, Object> body = new HashMap<>();
        body.put("handle", handle);
        body.put("displayName", "User " + handle);
        body.put("email", handle + "@example.org");
        body.put("timeZone", "Asia/Singapore");
        body.put("roles", List.of("RESPONDER"));
        body.put("languages", List.of("en"));
        return body;
    }
}
