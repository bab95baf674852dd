package io.vigil.api;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.unauthenticated;
import static io.vigil.support.Problems.validationProblem;
import static io.vigil.support.Problems.withBody;
import static io.vigil.support.Problems.withRawBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * REST contract of an incident's timeline: {@code GET} and {@code POST /incidents/{id}/timeline}.
 * For both: success, validation failure, missing or bad token (401), wrong role (403, POST) and
 * unknown id (404), every error as {@code application/problem+json}.
 *
 * <p>Cases that do not apply, and why they are skipped:
 * <ul>
 *   <li>{@code GET /incidents/{id}/timeline}: no 403 — every role may read an incident's timeline;
 *       a restricted incident the caller may not see is a 404, not a 403.</li>
 * </ul>
 */
@QuarkusTest
class TimelineEndpointsTest {

    private static final String INCIDENTS = "/api/v1/incidents";

    private static TestUser responder;
    private static TestUser leadership;

    @BeforeEach
    void fixtures() {
        if (responder == null) {
            responder = Api.user("RESPONDER");
            leadership = Api.user("LEADERSHIP");
        }
    }

    // ---------------------------------------------------------------- 401

    static Stream<Arguments> everyEndpoint() {
        String timeline = INCIDENTS + "/" + UUID.randomUUID() + "/timeline";
        return Stream.of(Arguments.of("GET", timeline), Arguments.of("POST", timeline));
    }

    @ParameterizedTest(name = "{0} {1} without a token is 401")
    @MethodSource("everyEndpoint")
    void missingTokenIs401(String method, String path) {
        unauthenticated(withBody(given().contentType(ContentType.JSON), method, Map.of("text", "hello")), method, path)
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @ParameterizedTest(name = "{0} {1} with an unknown token is 401")
    @MethodSource("everyEndpoint")
    void unknownTokenIs401(String method, String path) {
        unauthenticated(withBody(Api.as("vgl_unknown"), method, Map.of("text", "hello")), method, path);
    }

    @Test
    void aRevokedTokenCannotWriteNotes() {
        String id = declare();
        TestUser writer = Api.user("RESPONDER");
        String tokenId = writer.request().get("/api/v1/users/" + writer.id() + "/tokens").then().statusCode(200)
                .extract().path("items[0].id");
        writer.request().body(Map.of("text", "before")).post(timeline(id)).then().statusCode(201);
        asAdmin().delete("/api/v1/users/" + writer.id() + "/tokens/" + tokenId).then().statusCode(204);
        problem(writer.request().body(Map.of("text", "after")).post(timeline(id)), 401);
        assertThat(texts(id)).containsExactly(declaredText(id), "before");
    }

    // ---------------------------------------------------------------- POST: notes

    @Test
    void aNoteIsAddedWithItsAuthor() {
        String id = declare();
        Instant before = Instant.now();
        ExtractableResponse<Response> note = responder.request().body(Map.of("text", "  Checked the dashboards  "))
                .post(timeline(id))
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("type", equalTo("NOTE"))
                .body("text", equalTo("Checked the dashboards"))
                .body("actor.id", equalTo(responder.id().toString()))
                .body("actor.handle", equalTo(responder.handle()))
                .body("actor.displayName", equalTo("User " + responder.handle()))
                .body("data", nullValue())
                .extract();
        Instant at = Instant.parse(note.path("at"));
        assertThat(at).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));

        leadership.request().get(timeline(id)).then().log().ifValidationFails()
                .statusCode(200).contentType(ContentType.JSON)
                .body("items", hasSize(2))
                .body("nextCursor", nullValue())
                .body("items[1].id", equalTo(note.path("id")))
                .body("items[1].at", equalTo(note.path("at")))
                .body("items[1].type", equalTo("NOTE"))
                .body("items[1].text", equalTo("Checked the dashboards"))
                .body("items[1].actor.id", equalTo(responder.id().toString()))
                .body("items[1].actor.handle", equalTo(responder.handle()))
                .body("items[1].actor.displayName", equalTo("User " + responder.handle()));
        // every entry has the shape of spec §3: {id, at, type, actor, text, data}
        ExtractableResponse<Response> all = leadership.request().get(timeline(id)).then().statusCode(200).extract();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> entry = all.path("items[" + i + "]");
            assertThat(entry).containsKeys("id", "at", "type", "actor", "text", "data");
            Map<String, Object> actor = all.path("items[" + i + "].actor");
            assertThat(actor).containsOnlyKeys("id", "handle", "displayName");
        }
    }

    @Test
    void entriesAreOrderedByAtThenInsertionOrder() {
        String id = declare();
        Instant declaredAt = Instant.parse(asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200)
                .extract().path("declaredAt"));
        Instant anHourEarlier = declaredAt.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        note(id, "first at T", anHourEarlier).then().statusCode(201).body("at", equalTo(anHourEarlier.toString()));
        note(id, "second at T", anHourEarlier).then().statusCode(201);
        note(id, "ten minutes before T", anHourEarlier.minus(Duration.ofMinutes(10))).then().statusCode(201);
        note(id, "now", null).then().statusCode(201);
        note(id, "also at T", anHourEarlier).then().statusCode(201);

        ExtractableResponse<Response> timeline = responder.request().get(timeline(id)).then().statusCode(200).extract();
        assertThat(timeline.<List<String>>path("items.text")).containsExactly(
                "ten minutes before T", "first at T", "second at T", "also at T", declaredText(id), "now");
        assertThat(timeline.<List<String>>path("items.type"))
                .containsExactly("NOTE", "NOTE", "NOTE", "NOTE", "DECLARED", "NOTE");
        assertThat(timeline.<List<String>>path("items.at").subList(0, 4)).containsExactly(
                anHourEarlier.minus(Duration.ofMinutes(10)).toString(), anHourEarlier.toString(),
                anHourEarlier.toString(), anHourEarlier.toString());
        // a back-filled note keeps when it was written down, too
        assertThat(Instant.parse(timeline.path("items[0].recordedAt"))).isAfterOrEqualTo(declaredAt);
    }

    @Test
    void aFutureNoteIsA400OnAt() {
        String id = declare();
        validationProblem(note(id, "from the future", Instant.now().plus(Duration.ofHours(1))))
                .body("errors.field", contains("at"));
        assertThat(texts(id)).containsExactly(declaredText(id));
    }

    static Stream<Arguments> invalidNotes() {
        return Stream.of(
                Arguments.of("{}", "text"),
                Arguments.of("{\"text\":\"\"}", "text"),
                Arguments.of("{\"text\":\"   \"}", "text"),
                Arguments.of("{\"text\":null}", "text"),
                Arguments.of("{\"text\":\"" + "x".repeat(10_001) + "\"}", "text"),
                Arguments.of("{\"text\":12}", "text"),
                Arguments.of("{\"text\":\"ok\",\"at\":\"yesterday\"}", "at"),
                Arguments.of("{\"text\":\"ok\",\"type\":\"PAGE_EXHAUSTED\"}", "type"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "note {0} is a 400 naming {1}")
    @MethodSource("invalidNotes")
    void invalidNoteIsA400(String body, String field) {
        String id = declare();
        validationProblem(withRawBody(responder.request(), body).post(timeline(id)), field);
        assertThat(texts(id)).containsExactly(declaredText(id));
    }

    /** docs/api.md: a number where an instant is expected is a 400, never read as epoch seconds or millis. */
    @Test
    void aNumberForAtIsA400() {
        String id = declare();
        for (String at : List.of("1700000000", "1700000000000", "1.7E9")) {
            validationProblem(responder.request().body("{\"text\":\"numeric at\",\"at\":" + at + "}")
                    .post(timeline(id)))
                    .body("errors.field", contains("at"));
        }
        assertThat(texts(id)).containsExactly(declaredText(id));
    }

    /** What POST answers is what GET returns later: an {@code at} finer than the database keeps is not echoed back. */
    @Test
    void aNoteReadsBackAsItWasAnswered() {
        String id = declare();
        Instant at = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        ExtractableResponse<Response> posted = note(id, "precise", at).then().log().ifValidationFails()
                .statusCode(201).extract();
        responder.request().get(timeline(id)).then().statusCode(200)
                .body("items.find { it.id == '" + posted.path("id") + "' }.at", equalTo(posted.path("at")));
    }

    @Test
    void leadershipCannotAddNotesUnlessAParticipant() {
        String id = declare();
        problem(leadership.request().body(Map.of("text", "my two cents")).post(timeline(id)), 403)
                .body("type", equalTo("/problems/forbidden"));
        assertThat(texts(id)).containsExactly(declaredText(id));

        TestUser observer = Api.user("LEADERSHIP");
        asAdmin().body(Map.of("userId", observer.id())).post(INCIDENTS + "/" + id + "/participants").then().statusCode(201);
        observer.request().body(Map.of("text", "legal is informed")).post(timeline(id)).then().statusCode(201)
                .body("actor.id", equalTo(observer.id().toString()));
    }

    @Test
    void unknownIncidentIsA404() {
        for (String incident : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            problem(responder.request().get(timeline(incident)), 404).body("type", equalTo("/problems/not-found"));
            problem(responder.request().body(Map.of("text", "hello")).post(timeline(incident)), 404)
                    .body("type", equalTo("/problems/not-found"));
        }
        // a restricted incident is unknown to those who may not see it
        String restricted = responder.request().body(Api.declaration("CHILD_SAFETY", "SEV4", "EMEA")).post(INCIDENTS)
                .then().statusCode(201).extract().path("id");
        TestUser outsider = Api.user("COMMANDER");
        problem(outsider.request().get(timeline(restricted)), 404);
        problem(outsider.request().body(Map.of("text", "hello")).post(timeline(restricted)), 404);
        assertThat(texts(restricted)).hasSize(1);
    }

    // ---------------------------------------------------------------- GET: paging

    @Test
    void theTimelineIsCursorPaged() {
        String id = declare();
        for (int i = 1; i <= 4; i++) {
            note(id, "note " + i, null).then().statusCode(201);
        }
        List<String> all = responder.request().get(timeline(id)).then().statusCode(200)
                .body("items", hasSize(5)).body("nextCursor", nullValue()).extract().path("items.id");

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = leadership.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get(timeline(id)).then().log().ifValidationFails()
                    .statusCode(200).extract();
            List<String> ids = page.path("items.id");
            paged.addAll(ids);
            sizes.add(ids.size());
            cursor = page.path("nextCursor");
        } while (cursor != null && sizes.size() < 10);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(paged).isEqualTo(all);

        responder.request().queryParam("limit", 5).get(timeline(id)).then().statusCode(200)
                .body("items", hasSize(5)).body("nextCursor", nullValue());
        responder.request().queryParam("limit", 1).get(timeline(id)).then().statusCode(200)
                .body("items.type", contains("DECLARED")).body("nextCursor", notNullValue());
    }

    static Stream<Arguments> badPaging() {
        return Stream.of(
                Arguments.of("limit", "0", "limit"),
                Arguments.of("limit", "201", "limit"),
                Arguments.of("limit", "two", "limit"),
                Arguments.of("cursor", "garbage", "cursor"));
    }

    @ParameterizedTest(name = "GET timeline?{0}={1} is a 400 naming {2}")
    @MethodSource("badPaging")
    void badPagingIsA400(String param, String value, String field) {
        String id = declare();
        validationProblem(responder.request().queryParam(param, value).get(timeline(id)), field);
    }

    @Test
    void aCursorFromAnotherListIsNotAccepted() {
        // an incident-list cursor (instant|uuid) is not a timeline cursor (instant|sequence)
        String id = declare();
        String incidentCursor = responder.request().queryParam("limit", 1).get(INCIDENTS).then().statusCode(200)
                .extract().path("nextCursor");
        assertThat(incidentCursor).isNotNull();
        problem(responder.request().queryParam("cursor", incidentCursor).get(timeline(id)), 400)
                .body("errors.field", hasItem("cursor"));
    }

    // ---------------------------------------------------------------- helpers

    private static String declare() {
        return Api.declare(responder.request(), "OTHER", "SEV4");
    }

    private static String timeline(String id) {
        return INCIDENTS + "/" + id + "/timeline";
    }

    private static Response note(String id, String text, Instant at) {
        Map<String, Object> body = at == null ? Map.of("text", text) : Map.of("text", text, "at", at.toString());
        return responder.request().body(body).post(timeline(id));
    }

    private static List<String> texts(String id) {
        return asAdmin().queryParam("limit", 200).get(timeline(id)).then().statusCode(200).extract().path("items.text");
    }

    private static String declaredText(String id) {
        return asAdmin().queryParam("limit", 200).get(timeline(id)).then().statusCode(200)
                .extract().path("items.find { it.type == 'DECLARED' }.text");
    }
}
