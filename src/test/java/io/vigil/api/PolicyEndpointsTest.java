package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REST contract of the policy tables: categories ({@code GET/POST /categories},
 * {@code GET /categories/{code}}) and the severity policy ({@code GET /severities},
 * {@code GET/PUT /severities/{sev}}). For every endpoint: success, validation failure, missing or
 * bad token (401), wrong role (403) and unknown id (404), every error as
 * {@code application/problem+json}.
 *
 * <p>Cases that do not apply, and why they are skipped:
 * <ul>
 *   <li>{@code GET /categories} and {@code GET /severities}: no validation failure (no body, no
 *       query), no 403 (every role reads them), no 404 (no id).</li>
 *   <li>{@code GET /categories/{code}} and {@code GET /severities/{sev}}: no validation failure —
 *       the code is the only input and an unknown or malformed one is a 404; no 403 — every role
 *       reads them.</li>
 *   <li>{@code POST /categories}: no 404 — no id in the path (a duplicate code is a 409).</li>
 * </ul>
 * The database is shared by every test class in the JVM: a severity policy changed here is put
 * back as it was before the test ends.
 */
@QuarkusTest
class PolicyEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String CATEGORIES = "/api/v1/categories";
    private static final String SEVERITIES = "/api/v1/severities";
    private static final List<String> SEEDED = List.of("ACCOUNT_INTEGRITY", "ABUSE_HARASSMENT", "MISINFORMATION",
            "CHILD_SAFETY", "VIOLENT_EXTREMISM", "ILLEGAL_CONTENT", "HIGH_PROFILE_ACCOUNT", "LIVE_STREAM_HARM",
            "PLATFORM_INTEGRITY", "OTHER");

    // ---------------------------------------------------------------- 401 on every endpoint

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
                Arguments.of("GET", CATEGORIES),
                Arguments.of("POST", CATEGORIES),
                Arguments.of("GET", CATEGORIES + "/OTHER"),
                Arguments.of("GET", SEVERITIES),
                Arguments.of("GET", SEVERITIES + "/SEV1"),
                Arguments.of("PUT", SEVERITIES + "/SEV1"));
    }

    @Override
    public String unknownToken() {
        return "vgl_unknown-token";
    }

    // ---------------------------------------------------------------- categories

    @Test
    void theTenSeededCategoriesAreListedWithTheirRestrictions() {
        TestUser reader = Api.user("RESPONDER");
        ExtractableResponse<Response> list = reader.request().get(CATEGORIES)
                .then().log().ifValidationFails().statusCode(200).contentType(ContentType.JSON)
                .body("nextCursor", nullValue())
                .body("items.code", hasItems(SEEDED.toArray(String[]::new)))
                .extract();
        for (String code : SEEDED) {
            Map<String, Object> category = list.path("items.find { it.code == '" + code + "' }");
            boolean restricted = code.equals("CHILD_SAFETY") || code.equals("VIOLENT_EXTREMISM");
            assertThat(category).as(code)
                    .containsEntry("restrictedByDefault", restricted)
                    .containsEntry("builtIn", true);
            assertThat((String) category.get("name")).as(code + " name").isNotBlank();
        }
        reader.request().get(CATEGORIES + "/CHILD_SAFETY").then().statusCode(200)
                .body("code", equalTo("CHILD_SAFETY"))
                .body("name", equalTo("Child safety"))
                .body("restrictedByDefault", equalTo(true));
        reader.request().get(CATEGORIES + "/MISINFORMATION").then().statusCode(200)
                .body("restrictedByDefault", equalTo(false));
    }

    @Test
    void anAdminAddsACategory() {
        String code = code();
        ExtractableResponse<Response> created = asAdmin().body(Map.of(
                        "code", code,
                        "name", "  Election integrity  ",
                        "description", "Voting misinformation and interference",
                        "restrictedByDefault", true))
                .post(CATEGORIES)
                .then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("name", equalTo("Election integrity"))
                .body("description", equalTo("Voting misinformation and interference"))
                .body("restrictedByDefault", equalTo(true))
                .body("builtIn", equalTo(false))
                .body("createdAt", notNullValue())
                .extract();
        assertThat(created.header("Location")).endsWith(CATEGORIES + "/" + code);

        TestUser responder = Api.user("RESPONDER");
        responder.request().get(CATEGORIES + "/" + code).then().statusCode(200)
                .body("name", equalTo("Election integrity")).body("restrictedByDefault", equalTo(true));
        responder.request().get(CATEGORIES).then().statusCode(200).body("items.code", hasItem(code));
        // and it is usable at once, with its restriction
        responder.request().body(Api.declaration(code, "SEV3", "EMEA")).post("/api/v1/incidents")
                .then().statusCode(201).body("category", equalTo(code)).body("restricted", equalTo(true));
        // audited
        asAdmin().queryParam("entityType", "category").queryParam("entityId", code).get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", contains("category.created"))
                .body("items[0].after.code", equalTo(code));
    }

    @Test
    void aDuplicateCategoryIsA409() {
        String code = code();
        asAdmin().body(Map.of("code", code, "name", "First", "restrictedByDefault", false)).post(CATEGORIES)
                .then().statusCode(201);
        problem(asAdmin().body(Map.of("code", code, "name", "Second", "restrictedByDefault", true)).post(CATEGORIES), 409)
                .body("type", equalTo("/problems/conflict"))
                .body("detail", containsString(code));
        problem(asAdmin().body(Map.of("code", "OTHER", "name", "Other again", "restrictedByDefault", false))
                .post(CATEGORIES), 409);
        asAdmin().get(CATEGORIES + "/" + code).then().statusCode(200)
                .body("name", equalTo("First")).body("restrictedByDefault", equalTo(false));
        asAdmin().get(CATEGORIES + "/OTHER").then().statusCode(200).body("name", equalTo("Other"));
    }

    static Stream<Arguments> invalidCategories() {
        return Stream.of(
                Arguments.of("code", "election", "code"),
                Arguments.of("code", "ELECTION INTEGRITY", "code"),
                Arguments.of("code", "9LIVES", "code"),
                Arguments.of("code", "X", "code"),
                Arguments.of("code", "X" + "Y".repeat(64), "code"),
                Arguments.of("code", null, "code"),
                Arguments.of("name", "", "name"),
                Arguments.of("name", "n".repeat(101), "name"),
                Arguments.of("description", "d".repeat(2_001), "description"),
                Arguments.of("restrictedByDefault", "yes", "restrictedByDefault"),
                Arguments.of("restrictedByDefault", null, "restrictedByDefault"),
                Arguments.of("colour", "red", "colour"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("invalidCategories")
    void invalidCategoryIsA400(String field, Object value, String reported) {
        String code = code();
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "Test category",
                "restrictedByDefault", false));
        body.put(field, value);
        validationProblem(asAdmin().body(body).post(CATEGORIES), reported);
        problem(asAdmin().get(CATEGORIES + "/" + code), 404);
    }

    @Test
    void aMissingCategoryBodyIsA400() {
        problem(asAdmin().post(CATEGORIES), 400).body("errors.field", hasItem("body"));
    }

    @ParameterizedTest(name = "a {0} may not add categories")
    @ValueSource(strings = {"RESPONDER", "COMMANDER", "MANAGER", "LEADERSHIP"})
    void onlyAdminsAddCategories(String role) {
        String code = code();
        problem(Api.user(role).request().body(Map.of("code", code, "name", "Nope", "restrictedByDefault", false))
                .post(CATEGORIES), 403)
                .body("type", equalTo("/problems/forbidden"));
        problem(asAdmin().get(CATEGORIES + "/" + code), 404);
    }

    @Test
    void anUnknownCategoryIsA404() {
        TestUser reader = Api.user("LEADERSHIP");
        problem(reader.request().get(CATEGORIES + "/NO_SUCH_CATEGORY"), 404)
                .body("type", equalTo("/problems/not-found"))
                .body("detail", containsString("NO_SUCH_CATEGORY"));
        problem(reader.request().get(CATEGORIES + "/other"), 404);
    }

    // ---------------------------------------------------------------- severities

    @Test
    void theSeverityPolicyHasTheDefaultsOfTheSpec() {
        TestUser reader = Api.user("LEADERSHIP");
        reader.request().get(SEVERITIES).then().log().ifValidationFails()
                .statusCode(200).contentType(ContentType.JSON)
                .body("nextCursor", nullValue())
                .body("items.severity", contains("SEV1", "SEV2", "SEV3", "SEV4"))
                .body("items.pageOnDeclare", contains(true, true, true, false))
                .body("items.ackTimeout", contains("PT5M", "PT15M", "PT30M", null))
                .body("items.leadershipNotified", contains(true, false, false, false))
                .body("items.postmortemRequired", contains(true, true, false, false))
                .body("items.description", not(hasItem(nullValue())));
        reader.request().get(SEVERITIES + "/SEV2").then().statusCode(200)
                .body("severity", equalTo("SEV2"))
                .body("pageOnDeclare", equalTo(true))
                .body("ackTimeout", equalTo("PT15M"))
                .body("leadershipNotified", equalTo(false))
                .body("postmortemRequired", equalTo(true));
        reader.request().get(SEVERITIES + "/SEV4").then().statusCode(200)
                .body("pageOnDeclare", equalTo(false))
                .body("ackTimeout", nullValue())
                .body("postmortemRequired", equalTo(false));
    }

    @Test
    void aManagerChangesASeverityPolicyAndItIsAudited() {
        TestUser manager = Api.user("MANAGER");
        Map<String, Object> original = current("SEV3");
        try {
            manager.request().body(Map.of(
                            "description", "  Contained issue, but page faster  ",
                            "pageOnDeclare", true,
                            "ackTimeout", "PT10M",
                            "leadershipNotified", true,
                            "postmortemRequired", true))
                    .put(SEVERITIES + "/SEV3")
                    .then().log().ifValidationFails().statusCode(200).contentType(ContentType.JSON)
                    .body("severity", equalTo("SEV3"))
                    .body("description", equalTo("Contained issue, but page faster"))
                    .body("pageOnDeclare", equalTo(true))
                    .body("ackTimeout", equalTo("PT10M"))
                    .body("leadershipNotified", equalTo(true))
                    .body("postmortemRequired", equalTo(true))
                    .body("updatedAt", notNullValue());
            Api.user("RESPONDER").request().get(SEVERITIES + "/SEV3").then().statusCode(200)
                    .body("ackTimeout", equalTo("PT10M"))
                    .body("leadershipNotified", equalTo(true));

            asAdmin().queryParam("entityType", "severity").queryParam("entityId", "SEV3")
                    .queryParam("actor", manager.id().toString()).get("/api/v1/audit")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("items.action", contains("severity.updated"))
                    .body("items[0].actor.id", equalTo(manager.id().toString()))
                    .body("items[0].actor.handle", equalTo(manager.handle()))
                    .body("items[0].before.ackTimeout", equalTo(original.get("ackTimeout")))
                    .body("items[0].before.leadershipNotified", equalTo(original.get("leadershipNotified")))
                    .body("items[0].after.ackTimeout", equalTo("PT10M"))
                    .body("items[0].after.leadershipNotified", equalTo(true))
                    .body("items[0].after.description", equalTo("Contained issue, but page faster"));

            // a severity that stops paging needs no timeout
            asAdmin().body(Map.of("description", "Contained issue", "pageOnDeclare", false,
                            "leadershipNotified", false, "postmortemRequired", false))
                    .put(SEVERITIES + "/SEV3")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("pageOnDeclare", equalTo(false))
                    .body("ackTimeout", nullValue());
        } finally {
            restore("SEV3", original);
        }
        assertThat(current("SEV3")).isEqualTo(original);
    }

    @Test
    void ackTimeoutBoundsAreInclusive() {
        Map<String, Object> original = current("SEV3");
        try {
            for (String timeout : List.of("PT10S", "PT24H")) {
                asAdmin().body(Map.of("description", "Contained issue", "pageOnDeclare", true, "ackTimeout", timeout,
                                "leadershipNotified", false, "postmortemRequired", false))
                        .put(SEVERITIES + "/SEV3")
                        .then().log().ifValidationFails().statusCode(200).body("ackTimeout", equalTo(timeout));
                asAdmin().get(SEVERITIES + "/SEV3").then().statusCode(200).body("ackTimeout", equalTo(timeout));
            }
        } finally {
            restore("SEV3", original);
        }
        assertThat(current("SEV3")).isEqualTo(original);
    }

    /** Whatever PUT answers is what was stored: no silent rounding of the timeout. */
    @Test
    void anAcceptedAckTimeoutIsStoredAsAnswered() {
        Map<String, Object> original = current("SEV3");
        try {
            Response put = asAdmin().body(Map.of("description", "Contained issue", "pageOnDeclare", true,
                            "ackTimeout", "PT10.5S", "leadershipNotified", false, "postmortemRequired", false))
                    .put(SEVERITIES + "/SEV3");
            if (put.statusCode() != 400) {
                put.then().log().ifValidationFails().statusCode(200);
                String answered = put.path("ackTimeout");
                asAdmin().get(SEVERITIES + "/SEV3").then().statusCode(200).body("ackTimeout", equalTo(answered));
            } else {
                problem(put, 400).body("errors.field", hasItem("ackTimeout"));
            }
        } finally {
            restore("SEV3", original);
        }
        assertThat(current("SEV3")).isEqualTo(original);
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of("ackTimeout", "PT5S", "ackTimeout"),
                Arguments.of("ackTimeout", "PT9S", "ackTimeout"),
                Arguments.of("ackTimeout", "PT24H1S", "ackTimeout"),
                Arguments.of("ackTimeout", "P2D", "ackTimeout"),
                Arguments.of("ackTimeout", "PT-5M", "ackTimeout"),
                Arguments.of("ackTimeout", "five minutes", "ackTimeout"),
                Arguments.of("ackTimeout", 300, "ackTimeout"),
                Arguments.of("ackTimeout", null, "ackTimeout"),
                Arguments.of("description", "", "description"),
                Arguments.of("description", "d".repeat(501), "description"),
                Arguments.of("pageOnDeclare", null, "pageOnDeclare"),
                Arguments.of("pageOnDeclare", "true", "pageOnDeclare"),
                Arguments.of("leadershipNotified", null, "leadershipNotified"),
                Arguments.of("postmortemRequired", null, "postmortemRequired"),
                Arguments.of("escalateAfter", "PT5M", "escalateAfter"));
    }

    @ParameterizedTest(name = "{0}={1} is a 400 naming {2}")
    @MethodSource("invalidPolicies")
    void invalidPolicyIsA400AndChangesNothing(String field, Object value, String reported) {
        Map<String, Object> before = current("SEV2");
        Map<String, Object> body = new HashMap<>(Map.of(
                "description", "Major", "pageOnDeclare", true, "ackTimeout", "PT15M",
                "leadershipNotified", false, "postmortemRequired", true));
        body.put(field, value);
        try {
            validationProblem(asAdmin().body(body).put(SEVERITIES + "/SEV2"), reported);
        } finally {
            if (!current("SEV2").equals(before)) {
                restore("SEV2", before);
            }
        }
        assertThat(current("SEV2")).isEqualTo(before);
    }

    @Test
    void aMissingPolicyBodyIsA400() {
        problem(asAdmin().put(SEVERITIES + "/SEV4"), 400).body("errors.field", hasItem("body"));
    }

    @ParameterizedTest(name = "a {0} may not change the severity policy")
    @ValueSource(strings = {"RESPONDER", "COMMANDER", "LEADERSHIP"})
    void onlyManagersAndAdminsChangeTheSeverityPolicy(String role) {
        Map<String, Object> before = current("SEV1");
        try {
            problem(Api.user(role).request().body(Map.of("description", "Crisis", "pageOnDeclare", true,
                            "ackTimeout", "PT1M", "leadershipNotified", false, "postmortemRequired", false))
                    .put(SEVERITIES + "/SEV1"), 403)
                    .body("type", equalTo("/problems/forbidden"));
        } finally {
            if (!current("SEV1").equals(before)) {
                restore("SEV1", before);
            }
        }
        assertThat(current("SEV1")).isEqualTo(before);
    }

    @Test
    void anUnknownSeverityIsA404() {
        TestUser manager = Api.user("MANAGER");
        problem(manager.request().get(SEVERITIES + "/SEV9"), 404)
                .body("type", equalTo("/problems/not-found"))
                .body("detail", containsString("SEV9"));
        problem(manager.request().get(SEVERITIES + "/sev1"), 404);
        problem(manager.request().body(Map.of("description", "Nope", "pageOnDeclare", false,
                        "leadershipNotified", false, "postmortemRequired", false))
                .put(SEVERITIES + "/SEV9"), 404)
                .body("type", equalTo("/problems/not-found"));
        manager.request().get(SEVERITIES).then().statusCode(200)
                .body("items.severity", contains("SEV1", "SEV2", "SEV3", "SEV4"));
    }

    // ---------------------------------------------------------------- helpers

    private static String code() {
        return Api.uniqueCode("P_");
    }

    /** The policy as stored now, without {@code updatedAt} (which every PUT moves). */
    private static Map<String, Object> current(String severity) {
        Map<String, Object> policy = new HashMap<>(asAdmin().get(SEVERITIES + "/" + severity)
                .then().statusCode(200).extract().<Map<String, Object>>path("$"));
        policy.remove("updatedAt");
        return policy;
    }

    private static void restore(String severity, Map<String, Object> policy) {
        Map<String, Object> body = new HashMap<>(policy);
        body.remove("severity");
        asAdmin().body(body).put(SEVERITIES + "/" + severity).then().log().ifValidationFails().statusCode(200);
    }
}
