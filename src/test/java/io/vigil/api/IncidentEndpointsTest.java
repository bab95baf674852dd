package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static io.vigil.support.Problems.withRawBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.net.URI;
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
 * REST contract of incidents: declare, list, counts, get, status, severity, commander and
 * participants. For every endpoint: success, validation failure, missing or bad token (401), wrong
 * role (403) and unknown id (404), every error as {@code application/problem+json}.
 *
 * <p>Cases that do not apply, and why they are skipped:
 * <ul>
 *   <li>{@code POST /incidents}: no 404 — no id in the path (an unknown category is a 400 on
 *       {@code category}).</li>
 *   <li>{@code GET /incidents} and {@code GET /incidents/counts}: no 403 — every role may read
 *       (restricted incidents are filtered out, not refused); no 404 — no id.</li>
 *   <li>{@code GET /incidents/{id}} and {@code GET /incidents/{id}/participants}: no validation
 *       failure — the id is the only input and a malformed id is a 404; no 403 — every role may
 *       read, and a restricted incident the caller may not see is a 404.</li>
 *   <li>{@code DELETE /incidents/{id}/participants/{userId}}: no validation failure — no body and
 *       no query; malformed ids are 404s.</li>
 * </ul>
 * The timeline endpoints are covered by {@link TimelineEndpointsTest}.
 */
@QuarkusTest
class IncidentEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String INCIDENTS = "/api/v1/incidents";

    private static TestUser responder;
    private static TestUser commander;
    private static TestUser manager;
    private static TestUser leadership;
    /** A category of this class's own, so lists filtered by it hold only what this class declared. */
    private static String category;

    @BeforeEach
    void fixtures() {
        if (responder == null) {
            responder = Api.user("RESPONDER");
            commander = Api.user("COMMANDER");
            manager = Api.user("MANAGER");
            leadership = Api.user("LEADERSHIP");
            category = newCategory(false);
        }
    }

    // ---------------------------------------------------------------- 401 on every endpoint

    static Stream<Arguments> everyEndpoint() {
        String id = INCIDENTS + "/" + UUID.randomUUID();
        return Stream.of(
                Arguments.of("POST", INCIDENTS),
                Arguments.of("GET", INCIDENTS),
                Arguments.of("GET", INCIDENTS + "/counts"),
                Arguments.of("GET", id),
                Arguments.of("POST", id + "/status"),
                Arguments.of("POST", id + "/severity"),
                Arguments.of("PUT", id + "/commander"),
                Arguments.of("GET", id + "/participants"),
                Arguments.of("POST", id + "/participants"),
                Arguments.of("DELETE", id + "/participants/" + UUID.randomUUID()));
    }

    @Override
    public String unknownToken() {
        return "vgl_notARealToken";
    }

    // ---------------------------------------------------------------- POST /incidents

    @Test
    void declaringAnIncidentAnswers201WithLocationReferenceAndADeclaredTimelineEntry() {
        String title = "Spam wave " + UUID.randomUUID();
        ExtractableResponse<Response> declared = responder.request().body(Map.of(
                        "title", "  " + title + "  ",
                        "summary", "Thousands of identical posts",
                        "category", category,
                        "severity", "SEV3",
                        "region", "AMER"))
                .post(INCIDENTS)
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("reference", matchesPattern("INC-[1-9][0-9]*"))
                .body("title", equalTo(title))
                .body("summary", equalTo("Thousands of identical posts"))
                .body("category", equalTo(category))
                .body("severity", equalTo("SEV3"))
                .body("region", equalTo("AMER"))
                .body("status", equalTo("DECLARED"))
                .body("restricted", equalTo(false))
                .body("commander", nullValue())
                .body("declaredBy.id", equalTo(responder.id().toString()))
                .body("declaredBy.handle", equalTo(responder.handle()))
                .body("declaredBy.displayName", equalTo("User " + responder.handle()))
                .body("declaredAt", notNullValue())
                .body("allowedTransitions", contains("INVESTIGATING", "CANCELLED"))
                .extract();
        String id = declared.path("id");
        String location = declared.header("Location");
        assertThat(location).endsWith(INCIDENTS + "/" + id);

        leadership.request().get(URI.create(location).getPath())
                .then().log().ifValidationFails().statusCode(200)
                .body("id", equalTo(id))
                .body("reference", equalTo(declared.path("reference")))
                .body("title", equalTo(title))
                .body("declaredAt", equalTo(declared.path("declaredAt")));

        // paging follows the declaration on the timeline (PagingScenarioTest tells that story)
        responder.request().get(INCIDENTS + "/" + id + "/timeline")
                .then().log().ifValidationFails().statusCode(200)
                .body("items[0].type", equalTo("DECLARED"))
                .body("items[0].actor.id", equalTo(responder.id().toString()))
                .body("items[0].actor.handle", equalTo(responder.handle()))
                .body("items[0].data.severity", equalTo("SEV3"))
                .body("items[0].data.category", equalTo(category))
                .body("items[0].data.region", equalTo("AMER"));

        // references are unique and grow
        String next = declare(responder, category, "SEV4", "EMEA").path("reference");
        assertThat(number(next)).isGreaterThan(number(declared.path("reference")));
    }

    @Test
    void restrictedCategoriesAreRestrictedByDefaultAndOnlyAnAdminMayDeclareThemOpen() {
        responder.request().body(Api.declaration("CHILD_SAFETY", "SEV1", "APAC")).post(INCIDENTS)
                .then().statusCode(201).body("restricted", equalTo(true));

        Map<String, Object> open = new HashMap<>(Api.declaration("VIOLENT_EXTREMISM", "SEV2", "EMEA"));
        open.put("restricted", false);
        problem(responder.request().body(open).post(INCIDENTS), 403).body("type", equalTo("/problems/forbidden"));
        asAdmin().body(open).post(INCIDENTS).then().statusCode(201).body("restricted", equalTo(false));
    }

    static Stream<Arguments> invalidDeclarations() {
        return Stream.of(
                Arguments.of("title", null, "title"),
                Arguments.of("title", " ", "title"),
                Arguments.of("title", "x".repeat(201), "title"),
                Arguments.of("summary", "x".repeat(10_001), "summary"),
                Arguments.of("category", "NO_SUCH_CATEGORY", "category"),
                Arguments.of("category", null, "category"),
                Arguments.of("severity", "SEV9", "severity"),
                Arguments.of("severity", null, "severity"),
                Arguments.of("region", "MARS", "region"),
                Arguments.of("restricted", "maybe", "restricted"),
                Arguments.of("priority", "high", "priority"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("invalidDeclarations")
    void invalidDeclarationIsA400NamingTheField(String field, Object value, String reported) {
        Map<String, Object> body = new HashMap<>(Api.declaration(category, "SEV3", "EMEA"));
        body.put(field, value);
        validationProblem(responder.request().body(body).post(INCIDENTS), reported);
    }

    @Test
    void leadershipCannotDeclare() {
        problem(leadership.request().body(Api.declaration(category, "SEV3", "EMEA")).post(INCIDENTS), 403)
                .body("type", equalTo("/problems/forbidden"));
    }

    // ---------------------------------------------------------------- GET /incidents, counts

    @Test
    void listFiltersByStatusSeverityRegionCategoryAndTime() {
        String cat = newCategory(false);
        ExtractableResponse<Response> a = declare(responder, cat, "SEV1", "EMEA");
        ExtractableResponse<Response> b = declare(responder, cat, "SEV2", "APAC");
        ExtractableResponse<Response> c = declare(responder, cat, "SEV3", "AMER");
        String idA = a.path("id");
        String idB = b.path("id");
        String idC = c.path("id");
        changeStatus(commander, idC, "INVESTIGATING").then().statusCode(200);

        assertThat(ids(leadership, Map.of("category", cat))).containsExactly(idC, idB, idA);
        assertThat(ids(leadership, Map.of("category", cat, "severity", "SEV2"))).containsExactly(idB);
        assertThat(ids(leadership, Map.of("category", cat, "region", "AMER"))).containsExactly(idC);
        assertThat(ids(leadership, Map.of("category", cat, "status", "INVESTIGATING"))).containsExactly(idC);
        assertThat(ids(leadership, Map.of("category", cat, "status", "DECLARED"))).containsExactly(idB, idA);
        assertThat(ids(leadership, Map.of("category", cat, "status", "DECLARED", "region", "EMEA")))
                .containsExactly(idA);
        assertThat(ids(leadership, Map.of("category", cat, "severity", "SEV4"))).isEmpty();

        // from inclusive, to exclusive, on declaredAt
        String atA = a.path("declaredAt");
        String atB = b.path("declaredAt");
        String atC = c.path("declaredAt");
        assertThat(ids(leadership, Map.of("category", cat, "from", atB))).containsExactly(idC, idB);
        assertThat(ids(leadership, Map.of("category", cat, "to", atB))).containsExactly(idA);
        assertThat(ids(leadership, Map.of("category", cat, "from", atA, "to", atC))).containsExactly(idB, idA);
        assertThat(ids(leadership, Map.of("category", cat, "from", atC, "to", atC))).isEmpty();

        // the items are full incidents
        leadership.request().queryParam("category", cat).queryParam("severity", "SEV1").get(INCIDENTS)
                .then().statusCode(200)
                .body("items[0].reference", equalTo(a.path("reference")))
                .body("items[0].declaredBy.handle", equalTo(responder.handle()))
                .body("nextCursor", nullValue());
    }

    @Test
    void listIsCursorPaged() {
        String cat = newCategory(false);
        String first = declare(responder, cat, "SEV3", "EMEA").path("id");
        String second = declare(responder, cat, "SEV3", "EMEA").path("id");
        String third = declare(responder, cat, "SEV3", "EMEA").path("id");

        ExtractableResponse<Response> page1 = responder.request().queryParam("category", cat).queryParam("limit", 2)
                .get(INCIDENTS).then().log().ifValidationFails().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract();
        assertThat(page1.<List<String>>path("items.id")).containsExactly(third, second);

        ExtractableResponse<Response> page2 = responder.request().queryParam("category", cat).queryParam("limit", 2)
                .queryParam("cursor", page1.<String>path("nextCursor"))
                .get(INCIDENTS).then().log().ifValidationFails().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue()).extract();
        assertThat(page2.<List<String>>path("items.id")).containsExactly(first);

        // exactly one page's worth: no cursor to an empty page
        responder.request().queryParam("category", cat).queryParam("limit", 3).get(INCIDENTS)
                .then().statusCode(200).body("items", hasSize(3)).body("nextCursor", nullValue());
    }

    static Stream<Arguments> badListQueries() {
        return Stream.of(
                Arguments.of("status", "OPEN", "status"),
                Arguments.of("severity", "SEV0", "severity"),
                Arguments.of("region", "MARS", "region"),
                Arguments.of("from", "yesterday", "from"),
                Arguments.of("to", "2026-13-01T00:00:00Z", "to"),
                Arguments.of("limit", "0", "limit"),
                Arguments.of("limit", "201", "limit"),
                Arguments.of("cursor", "not-a-cursor", "cursor"));
    }

    @ParameterizedTest(name = "GET /incidents?{0}={1} is a 400 naming {2}")
    @MethodSource("badListQueries")
    void badListQueryIsA400(String param, String value, String field) {
        validationProblem(responder.request().queryParam(param, value).get(INCIDENTS), field);
    }

    @Test
    void fromAfterToIsA400() {
        problem(responder.request().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get(INCIDENTS), 400).body("errors.field", hasItem("from"));
        problem(responder.request().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get(INCIDENTS + "/counts"), 400).body("errors.field", hasItem("from"));
    }

    @Test
    void countsCountWhatTheCallerMaySee() {
        String cat = newCategory(false);
        String sev2a = declare(responder, cat, "SEV2", "EMEA").path("id");
        declare(responder, cat, "SEV2", "APAC");
        declare(manager, cat, "SEV4", "AMER");
        changeStatus(commander, sev2a, "INVESTIGATING").then().statusCode(200);

        leadership.request().queryParam("category", cat).get(INCIDENTS + "/counts")
                .then().log().ifValidationFails().statusCode(200).contentType(ContentType.JSON)
                .body("total", equalTo(3))
                .body("byStatus.DECLARED", equalTo(2))
                .body("byStatus.INVESTIGATING", equalTo(1))
                .body("bySeverity.SEV2", equalTo(2))
                .body("bySeverity.SEV4", equalTo(1));
        leadership.request().queryParam("category", cat).queryParam("severity", "SEV4").get(INCIDENTS + "/counts")
                .then().statusCode(200).body("total", equalTo(1)).body("bySeverity.SEV4", equalTo(1));
        leadership.request().queryParam("category", cat).queryParam("status", "CLOSED").get(INCIDENTS + "/counts")
                .then().statusCode(200).body("total", equalTo(0));

        // a restricted incident is counted for those who may see it only
        String restrictedCat = newCategory(true);
        declare(responder, restrictedCat, "SEV1", "EMEA");
        responder.request().queryParam("category", restrictedCat).get(INCIDENTS + "/counts")
                .then().statusCode(200).body("total", equalTo(1));
        asAdmin().queryParam("category", restrictedCat).get(INCIDENTS + "/counts")
                .then().statusCode(200).body("total", equalTo(1));
        for (TestUser outsider : List.of(leadership, manager, commander)) {
            outsider.request().queryParam("category", restrictedCat).get(INCIDENTS + "/counts")
                    .then().statusCode(200).body("total", equalTo(0));
        }
    }

    @Test
    void badCountsQueryIsA400() {
        problem(responder.request().queryParam("severity", "SEV9").get(INCIDENTS + "/counts"), 400)
                .body("errors.field", hasItem("severity"));
        problem(responder.request().queryParam("status", "open").get(INCIDENTS + "/counts"), 400)
                .body("errors.field", hasItem("status"));
        problem(responder.request().queryParam("to", "soon").get(INCIDENTS + "/counts"), 400)
                .body("errors.field", hasItem("to"));
    }

    // ---------------------------------------------------------------- GET /incidents/{id}

    @Test
    void unknownIncidentIsA404Everywhere() {
        String unknown = INCIDENTS + "/" + UUID.randomUUID();
        String malformed = INCIDENTS + "/not-a-uuid";
        for (String base : List.of(unknown, malformed)) {
            problem(asAdmin().get(base), 404).body("type", equalTo("/problems/not-found"));
            problem(asAdmin().body(Map.of("status", "INVESTIGATING")).post(base + "/status"), 404);
            problem(asAdmin().body(Map.of("severity", "SEV1", "reason", "r")).post(base + "/severity"), 404);
            problem(asAdmin().body(Map.of("userId", commander.id())).put(base + "/commander"), 404);
            problem(asAdmin().get(base + "/participants"), 404);
            problem(asAdmin().body(Map.of("userId", commander.id())).post(base + "/participants"), 404);
            problem(asAdmin().delete(base + "/participants/" + commander.id()), 404);
        }
        // the same for non-admins
        problem(responder.request().get(unknown), 404);
        problem(commander.request().body(Map.of("status", "INVESTIGATING")).post(unknown + "/status"), 404);
    }

    @Test
    void leadershipReadsButCannotRunIncidents() {
        String id = declare(responder, category, "SEV2", "EMEA").path("id");
        leadership.request().get(INCIDENTS + "/" + id).then().statusCode(200).body("id", equalTo(id));
        leadership.request().queryParam("category", category).queryParam("limit", 200).get(INCIDENTS)
                .then().statusCode(200).body("items.id", hasItem(id));
        leadership.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("DECLARED"));
        leadership.request().get(INCIDENTS + "/" + id + "/participants").then().statusCode(200)
                .body("items", empty());

        problem(changeStatus(leadership, id, "INVESTIGATING"), 403).body("type", equalTo("/problems/forbidden"));
        problem(leadership.request().body(Map.of("severity", "SEV1", "reason", "r")).post(INCIDENTS + "/" + id + "/severity"),
                403);
        problem(leadership.request().body(Map.of("userId", leadership.id())).put(INCIDENTS + "/" + id + "/commander"), 403);
        problem(leadership.request().body(Map.of("userId", leadership.id())).post(INCIDENTS + "/" + id + "/participants"),
                403);
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200)
                .body("status", equalTo("DECLARED")).body("severity", equalTo("SEV2")).body("commander", nullValue());
    }

    // ---------------------------------------------------------------- POST /incidents/{id}/status

    @Test
    void statusWalksTheLifecycleAndEveryMoveIsOnTheTimeline() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");

        changeStatus(commander, id, "INVESTIGATING").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("INVESTIGATING"))
                .body("allowedTransitions", contains("MITIGATED", "CANCELLED"));
        changeStatus(commander, id, "MITIGATED").then().statusCode(200)
                .body("status", equalTo("MITIGATED")).body("mitigatedAt", notNullValue())
                .body("allowedTransitions", contains("INVESTIGATING", "RESOLVED", "CANCELLED"));
        // regression: the fix did not hold
        changeStatus(commander, id, "INVESTIGATING", "it is back").then().statusCode(200)
                .body("status", equalTo("INVESTIGATING")).body("mitigatedAt", nullValue());
        changeStatus(manager, id, "MITIGATED").then().statusCode(200);
        changeStatus(manager, id, "RESOLVED").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolvedAt", notNullValue())
                .body("allowedTransitions", contains("INVESTIGATING", "CLOSED", "CANCELLED"));
        changeStatus(asAdmin(), id, "CLOSED").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedAt", notNullValue())
                .body("allowedTransitions", empty());

        ExtractableResponse<Response> timeline = responder.request().get(INCIDENTS + "/" + id + "/timeline")
                .then().statusCode(200).extract();
        assertThat(timeline.<List<String>>path("items.findAll { it.type == 'STATUS_CHANGED' }.data.to"))
                .containsExactly("INVESTIGATING", "MITIGATED", "INVESTIGATING", "MITIGATED", "RESOLVED", "CLOSED");
        assertThat(timeline.<List<String>>path("items.findAll { it.type == 'STATUS_CHANGED' }.data.from"))
                .containsExactly("DECLARED", "INVESTIGATING", "MITIGATED", "INVESTIGATING", "MITIGATED", "RESOLVED");
        assertThat(timeline.<String>path("items.find { it.data?.reason == 'it is back' }.actor.id"))
                .isEqualTo(commander.id().toString());

        // CLOSED is final
        problem(changeStatus(commander, id, "INVESTIGATING"), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("currentStatus", equalTo("CLOSED"))
                .body("allowed", empty());
    }

    @Test
    void anIllegalMoveIsA409NamingTheAllowedMoves() {
        String id = declare(responder, category, "SEV4", "EMEA").path("id");
        problem(changeStatus(commander, id, "RESOLVED"), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("currentStatus", equalTo("DECLARED"))
                .body("allowed", contains("INVESTIGATING", "CANCELLED"))
                .body("detail", containsString("RESOLVED"));
        problem(changeStatus(commander, id, "DECLARED"), 409).body("allowed", contains("INVESTIGATING", "CANCELLED"));

        changeStatus(commander, id, "INVESTIGATING").then().statusCode(200);
        problem(changeStatus(commander, id, "CLOSED"), 409)
                .body("currentStatus", equalTo("INVESTIGATING"))
                .body("allowed", contains("MITIGATED", "CANCELLED"));

        // nothing changed, nothing was written
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("status", equalTo("INVESTIGATING"));
        responder.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .body("items.type", contains("DECLARED", "STATUS_CHANGED"));
    }

    @Test
    void closingNeedsAPublishedPostmortemWhenTheSeverityRequiresOne() {
        String id = declare(responder, category, "SEV2", "EMEA").path("id");
        for (String status : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            changeStatus(commander, id, status).then().statusCode(200);
        }
        problem(changeStatus(commander, id, "CLOSED"), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", containsString("post-mortem"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("status", equalTo("RESOLVED"));
    }

    @Test
    void cancellingNeedsAReason() {
        String id = declare(responder, category, "SEV4", "APAC").path("id");
        validationProblem(changeStatus(commander, id, "CANCELLED"))
                .body("errors.field", contains("reason"));
        problem(changeStatus(commander, id, "CANCELLED", "   "), 400).body("errors.field", contains("reason"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("status", equalTo("DECLARED"));

        changeStatus(commander, id, "CANCELLED", "false alarm: a test post").then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("false alarm: a test post"))
                .body("cancelledAt", notNullValue())
                .body("allowedTransitions", empty());
        responder.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .body("items[-1].type", equalTo("STATUS_CHANGED"))
                .body("items[-1].data.to", equalTo("CANCELLED"))
                .body("items[-1].data.reason", equalTo("false alarm: a test post"));

        problem(changeStatus(commander, id, "INVESTIGATING"), 409)
                .body("currentStatus", equalTo("CANCELLED")).body("allowed", empty());
    }

    static Stream<Arguments> invalidStatusRequests() {
        return Stream.of(
                Arguments.of("{}", "status"),
                Arguments.of("{\"status\":null}", "status"),
                Arguments.of("{\"status\":\"OPEN\"}", "status"),
                Arguments.of("{\"status\":2}", "status"),
                Arguments.of("{\"status\":\"INVESTIGATING\",\"reason\":\"" + "x".repeat(2_001) + "\"}", "reason"),
                Arguments.of("{\"status\":\"INVESTIGATING\",\"by\":\"me\"}", "by"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "status request {0} is a 400 naming {1}")
    @MethodSource("invalidStatusRequests")
    void invalidStatusRequestIsA400(String body, String field) {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        validationProblem(withRawBody(commander.request(), body).post(INCIDENTS + "/" + id + "/status"), field);
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("status", equalTo("DECLARED"));
    }

    @Test
    void aResponderCannotChangeTheStatus() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        problem(changeStatus(responder, id, "INVESTIGATING"), 403).body("type", equalTo("/problems/forbidden"));
        TestUser otherResponder = Api.user("RESPONDER");
        problem(changeStatus(otherResponder, id, "CANCELLED", "nope"), 403);
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("status", equalTo("DECLARED"));
    }

    // ---------------------------------------------------------------- POST /incidents/{id}/severity

    @Test
    void changingTheSeverityNeedsAReasonAndIsOnTheTimeline() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        commander.request().body(Map.of("severity", "SEV1", "reason", "  now on national news  "))
                .post(INCIDENTS + "/" + id + "/severity")
                .then().log().ifValidationFails().statusCode(200)
                .body("id", equalTo(id))
                .body("severity", equalTo("SEV1"))
                .body("status", equalTo("DECLARED"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("severity", equalTo("SEV1"));
        responder.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("DECLARED"))
                .body("items.find { it.type == 'SEVERITY_CHANGED' }.actor.id", equalTo(commander.id().toString()))
                .body("items.find { it.type == 'SEVERITY_CHANGED' }.data.from", equalTo("SEV3"))
                .body("items.find { it.type == 'SEVERITY_CHANGED' }.data.to", equalTo("SEV1"))
                .body("items.find { it.type == 'SEVERITY_CHANGED' }.data.reason", equalTo("now on national news"))
                .body("items.find { it.type == 'SEVERITY_CHANGED' }.text", containsString("now on national news"));
        // it is filtered by its new severity
        assertThat(ids(leadership, Map.of("category", category, "severity", "SEV1", "limit", "200"))).contains(id);
    }

    static Stream<Arguments> invalidSeverityRequests() {
        return Stream.of(
                Arguments.of("{\"severity\":\"SEV1\"}", "reason"),
                Arguments.of("{\"severity\":\"SEV1\",\"reason\":\"  \"}", "reason"),
                Arguments.of("{\"severity\":\"SEV1\",\"reason\":\"" + "x".repeat(2_001) + "\"}", "reason"),
                Arguments.of("{\"reason\":\"worse\"}", "severity"),
                Arguments.of("{\"severity\":\"SEV9\",\"reason\":\"worse\"}", "severity"),
                Arguments.of("{\"severity\":1,\"reason\":\"worse\"}", "severity"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "severity request {0} is a 400 naming {1}")
    @MethodSource("invalidSeverityRequests")
    void invalidSeverityRequestIsA400(String body, String field) {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        validationProblem(withRawBody(commander.request(), body).post(INCIDENTS + "/" + id + "/severity"), field);
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("severity", equalTo("SEV3"));
    }

    @Test
    void aResponderCannotChangeTheSeverityAndAFinishedIncidentKeepsIt() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        problem(responder.request().body(Map.of("severity", "SEV1", "reason", "worse"))
                .post(INCIDENTS + "/" + id + "/severity"), 403).body("type", equalTo("/problems/forbidden"));

        changeStatus(commander, id, "CANCELLED", "duplicate").then().statusCode(200);
        problem(commander.request().body(Map.of("severity", "SEV1", "reason", "worse"))
                .post(INCIDENTS + "/" + id + "/severity"), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("currentStatus", equalTo("CANCELLED"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("severity", equalTo("SEV3"));
    }

    // ---------------------------------------------------------------- PUT /incidents/{id}/commander

    @Test
    void anAssignedCommanderWithOnlyTheResponderRoleMayRunTheIncident() {
        TestUser newCommander = Api.user("RESPONDER");
        TestUser successor = Api.user("RESPONDER");
        String id = declare(responder, category, "SEV4", "EMEA").path("id");

        // before the assignment this responder may not run it
        problem(changeStatus(newCommander, id, "INVESTIGATING"), 403);

        manager.request().body(Map.of("userId", newCommander.id())).put(INCIDENTS + "/" + id + "/commander")
                .then().log().ifValidationFails().statusCode(200)
                .body("commander.id", equalTo(newCommander.id().toString()))
                .body("commander.handle", equalTo(newCommander.handle()))
                .body("commander.displayName", equalTo("User " + newCommander.handle()));
        responder.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .body("items[-1].type", equalTo("COMMANDER_ASSIGNED"))
                .body("items[-1].actor.id", equalTo(manager.id().toString()))
                .body("items[-1].data.userId", equalTo(newCommander.id().toString()));

        changeStatus(newCommander, id, "INVESTIGATING").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("INVESTIGATING"));
        newCommander.request().body(Map.of("severity", "SEV1", "reason", "spreading")).post(INCIDENTS + "/" + id + "/severity")
                .then().statusCode(200).body("severity", equalTo("SEV1"));
        // the commander hands over; from then on they are a plain responder again
        newCommander.request().body(Map.of("userId", successor.id())).put(INCIDENTS + "/" + id + "/commander")
                .then().statusCode(200).body("commander.id", equalTo(successor.id().toString()));
        problem(changeStatus(newCommander, id, "MITIGATED"), 403);
        changeStatus(successor, id, "MITIGATED").then().statusCode(200).body("status", equalTo("MITIGATED"));
    }

    @Test
    void assigningAnUnknownUserIsA400OnUserId() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        validationProblem(commander.request().body(Map.of("userId", UUID.randomUUID()))
                .put(INCIDENTS + "/" + id + "/commander"))
                .body("errors.field", contains("userId"));
        problem(commander.request().body("{\"userId\":\"bob\"}").put(INCIDENTS + "/" + id + "/commander"), 400)
                .body("errors.field", hasItem("userId"));
        problem(commander.request().body("{}").put(INCIDENTS + "/" + id + "/commander"), 400)
                .body("errors.field", hasItem("userId"));
        problem(commander.request().put(INCIDENTS + "/" + id + "/commander"), 400)
                .body("errors.field", hasItem("body"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("commander", nullValue());
    }

    @Test
    void aResponderCannotAssignTheCommander() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        problem(responder.request().body(Map.of("userId", responder.id())).put(INCIDENTS + "/" + id + "/commander"), 403)
                .body("type", equalTo("/problems/forbidden"));
        asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).body("commander", nullValue());
    }

    @Test
    void aFinishedIncidentKeepsItsCommander() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        changeStatus(commander, id, "CANCELLED", "duplicate").then().statusCode(200);
        problem(commander.request().body(Map.of("userId", commander.id())).put(INCIDENTS + "/" + id + "/commander"), 409)
                .body("currentStatus", equalTo("CANCELLED"));
    }

    // ---------------------------------------------------------------- participants

    @Test
    void participantsAreAddedListedAndRemoved() {
        String id = declare(responder, category, "SEV4", "EMEA").path("id");
        TestUser joiner = Api.user("LEADERSHIP");
        String participants = INCIDENTS + "/" + id + "/participants";

        commander.request().body(Map.of("userId", joiner.id())).post(participants)
                .then().log().ifValidationFails().statusCode(201).contentType(ContentType.JSON)
                .body("items", hasSize(1))
                .body("items[0].userId", equalTo(joiner.id().toString()))
                .body("items[0].handle", equalTo(joiner.handle()))
                .body("items[0].displayName", equalTo("User " + joiner.handle()))
                .body("items[0].addedBy", equalTo(commander.id().toString()))
                .body("items[0].addedAt", notNullValue())
                .body("nextCursor", nullValue());
        // adding again changes nothing
        manager.request().body(Map.of("userId", joiner.id())).post(participants)
                .then().statusCode(201).body("items", hasSize(1)).body("items[0].addedBy", equalTo(commander.id().toString()));
        manager.request().body(Map.of("userId", responder.id())).post(participants)
                .then().statusCode(201).body("items.userId", contains(joiner.id().toString(), responder.id().toString()));

        responder.request().get(participants).then().log().ifValidationFails().statusCode(200)
                .body("items.userId", contains(joiner.id().toString(), responder.id().toString()));

        commander.request().delete(participants + "/" + joiner.id())
                .then().log().ifValidationFails().statusCode(200)
                .body("items.userId", contains(responder.id().toString()));
        leadership.request().get(participants).then().statusCode(200)
                .body("items.userId", contains(responder.id().toString()));

        assertThat(responder.request().get(INCIDENTS + "/" + id + "/timeline").then().statusCode(200)
                .extract().<List<String>>path("items.type"))
                .containsExactly("DECLARED", "PARTICIPANT_ADDED", "PARTICIPANT_ADDED", "PARTICIPANT_REMOVED");

        // removing someone who is not (or no longer) a participant
        problem(commander.request().delete(participants + "/" + joiner.id()), 404).body("type", equalTo("/problems/not-found"));
        problem(commander.request().delete(participants + "/" + UUID.randomUUID()), 404);
        problem(commander.request().delete(participants + "/not-a-uuid"), 404);
    }

    @Test
    void invalidParticipantIsA400OnUserId() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        String participants = INCIDENTS + "/" + id + "/participants";
        validationProblem(commander.request().body(Map.of("userId", UUID.randomUUID())).post(participants))
                .body("errors.field", contains("userId"));
        problem(commander.request().body("{\"userId\":42}").post(participants), 400).body("errors.field", hasItem("userId"));
        problem(commander.request().body("{}").post(participants), 400).body("errors.field", hasItem("userId"));
        commander.request().get(participants).then().statusCode(200).body("items", empty());
    }

    @Test
    void aResponderCannotManageParticipants() {
        String id = declare(responder, category, "SEV3", "EMEA").path("id");
        String participants = INCIDENTS + "/" + id + "/participants";
        TestUser someone = Api.user("RESPONDER");
        problem(responder.request().body(Map.of("userId", someone.id())).post(participants), 403)
                .body("type", equalTo("/problems/forbidden"));
        commander.request().body(Map.of("userId", someone.id())).post(participants).then().statusCode(201);
        problem(responder.request().delete(participants + "/" + someone.id()), 403)
                .body("type", equalTo("/problems/forbidden"));
        // a participant is not a runner either
        problem(someone.request().delete(participants + "/" + someone.id()), 403);
        commander.request().get(participants).then().statusCode(200)
                .body("items.userId", contains(someone.id().toString()));
    }

    @Test
    void aParticipantSeesARestrictedIncident() {
        String id = declare(responder, "CHILD_SAFETY", "SEV1", "EMEA").path("id");
        TestUser specialist = Api.user("RESPONDER");
        problem(specialist.request().get(INCIDENTS + "/" + id), 404);
        asAdmin().body(Map.of("userId", specialist.id())).post(INCIDENTS + "/" + id + "/participants")
                .then().statusCode(201);
        specialist.request().get(INCIDENTS + "/" + id).then().statusCode(200).body("restricted", equalTo(true));
        assertThat(ids(specialist, Map.of("category", "CHILD_SAFETY", "limit", "200"))).contains(id);
    }

    // ---------------------------------------------------------------- helpers

    static String newCategory(boolean restricted) {
        String code = Api.uniqueCode("T_");
        asAdmin().body(Map.of("code", code, "name", "Test " + code, "restrictedByDefault", restricted))
                .post("/api/v1/categories").then().statusCode(201);
        return code;
    }

    private static ExtractableResponse<Response> declare(TestUser as, String category, String severity, String region) {
        return as.request().body(Api.declaration(category, severity, region)).post(INCIDENTS)
                .then().log().ifValidationFails().statusCode(201).extract();
    }

    private static Response changeStatus(TestUser as, String id, String status) {
        return changeStatus(as.request(), id, status);
    }

    private static Response changeStatus(RequestSpecification as, String id, String status) {
        return Api.changeStatus(as, id, status);
    }

    private static Response changeStatus(TestUser as, String id, String status, String reason) {
        return as.request().body(Map.of("status", status, "reason", reason)).post(INCIDENTS + "/" + id + "/status");
    }

    private static List<String> ids(TestUser as, Map<String, ?> query) {
        return as.request().queryParams(query).get(INCIDENTS)
                .then().log().ifValidationFails().statusCode(200).extract().path("items.id");
    }

    private static long number(String reference) {
        return Long.parseLong(reference.substring("INC-".length()));
    }
}
