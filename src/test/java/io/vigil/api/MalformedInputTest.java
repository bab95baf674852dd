package io.vigil.api;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.PROBLEM_JSON;
import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problemJson;
import static io.vigil.support.Problems.problemStatus;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.support.Api;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Malformed input never causes a 5xx: bad JSON, wrong types, unknown enum values, huge strings,
 * unknown fields, bad query parameters, oversized bodies. Each answer is a 4xx problem document.
 */
@QuarkusTest
class MalformedInputTest {

    private static final String VALID_DECLARE = """
            {"title":"t","summary":"s","category":"OTHER","severity":"SEV3","region":"EMEA"}""";

    static Stream<Arguments> badDeclarations() {
        String huge = "x".repeat(300);
        return Stream.of(
                Arguments.of("{", "body"),
                Arguments.of("not json at all", "body"),
                Arguments.of("[]", "body"),
                Arguments.of("\"a string\"", "body"),
                Arguments.of("{}", "title"),
                Arguments.of(VALID_DECLARE.replace("}", ",\"extra\":1}"), "extra"),
                Arguments.of(VALID_DECLARE.replace("\"SEV3\"", "\"SEV9\""), "severity"),
                Arguments.of(VALID_DECLARE.replace("\"SEV3\"", "3"), "severity"),
                Arguments.of(VALID_DECLARE.replace("\"EMEA\"", "\"MARS\""), "region"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "42"), "title"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "{\"a\":1}"), "title"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "[\"a\"]"), "title"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "\"" + huge + "\""), "title"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "null"), "title"),
                Arguments.of(VALID_DECLARE.replace("\"t\"", "\"   \""), "title"),
                Arguments.of(VALID_DECLARE.replace("}", ",\"restricted\":\"yes\"}"), "restricted"),
                Arguments.of(VALID_DECLARE.replace("}", ",\"restricted\":1}"), "restricted"),
                Arguments.of(VALID_DECLARE.replace("\"OTHER\"", "\"NOPE\""), "category"),
                Arguments.of(VALID_DECLARE + "{}", "body"));
    }

    @ParameterizedTest
    @MethodSource("badDeclarations")
    void badDeclarationIsA400NamingTheField(String body, String field) {
        problemStatus(asAdmin().body(body).post("/api/v1/incidents"), 400)
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void missingBodyIsA400() {
        problemJson(asAdmin().post("/api/v1/incidents"), 400).body("errors.field", hasItem("body"));
    }

    @Test
    void wrongMediaTypeIsA415() {
        problemJson(given().header("Authorization", "Bearer " + Api.BOOTSTRAP_TOKEN).contentType(ContentType.TEXT)
                .body("hello").post("/api/v1/incidents"), 415);
    }

    @Test
    void bodyOverOneMebibyteIsA413() {
        String big = "{\"title\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        problemStatus(asAdmin().body(big).post("/api/v1/incidents"), 413);
    }

    @Test
    void badQueryParametersAre400s() {
        problemJson(asAdmin().get("/api/v1/incidents?severity=SEV9"), 400)
                .body("errors.field", hasItem("severity"));
        asAdmin().get("/api/v1/incidents?from=yesterday").then().statusCode(400).body("errors.field", hasItem("from"));
        asAdmin().get("/api/v1/incidents?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        asAdmin().get("/api/v1/incidents?limit=201").then().statusCode(400).body("errors.field", hasItem("limit"));
        asAdmin().get("/api/v1/incidents?limit=abc").then().statusCode(400).body("errors.field", hasItem("limit"));
        asAdmin().get("/api/v1/incidents?cursor=garbage").then().statusCode(400).body("errors.field", hasItem("cursor"));
        asAdmin().get("/api/v1/audit?actor=not-a-uuid").then().statusCode(400).body("errors.field", hasItem("actor"));
    }

    @Test
    void unknownPathsAndIdsAre404s() {
        problemJson(asAdmin().get("/api/v1/incidents/not-a-uuid"), 404);
        problemJson(asAdmin().get("/api/v1/nothing-here"), 404);
        asAdmin().delete("/api/v1/incidents").then().statusCode(lessThan(500)).contentType(PROBLEM_JSON)
                .body("status", equalTo(405));
    }

    @Test
    void missingOrBadTokenIsA401() {
        problemJson(given().get("/api/v1/me"), 401).header("WWW-Authenticate", containsString("Bearer"));
        problemJson(given().header("Authorization", "Bearer nope").get("/api/v1/me"), 401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/me").then().statusCode(401);
    }
}
