package io.vigil.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** REST Assured helpers: authenticated requests and quick setup of users with tokens. */
public final class Api {

    public static final String BOOTSTRAP_TOKEN = "test-bootstrap-token";
    public static final String PROBLEM_JSON = "application/problem+json";

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(BOOTSTRAP_TOKEN);
    }

    /** A user created through the API with the given roles, and a token of theirs; {@code slackUserId} may be null. */
    public record TestUser(UUID id, String handle, String token, String slackUserId) {
        public RequestSpecification request() {
            return as(token);
        }
    }

    public static TestUser user(String... roles) {
        return create(null, roles);
    }

    /** A user Slack knows, under a Slack member id no other test has taken. */
    public static TestUser slackUser(String... roles) {
        return create("U" + unique("", 10).toUpperCase(), roles);
    }

    private static TestUser create(String slackUserId, String... roles) {
        String handle = unique("u", 12);
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "handle", handle,
                "displayName", "User " + handle,
                "email", handle + "@example.org",
                "timeZone", "Europe/Dublin",
                "roles", List.of(roles)));
        if (slackUserId != null) {
            body.put("slackUserId", slackUserId);
        }
        String id = asAdmin().body(body).post("/api/v1/users").then().statusCode(201).extract().path("id");
        String token = asAdmin().body(Map.of("name", "test"))
                .post("/api/v1/users/" + id + "/tokens").then().statusCode(201).extract().path("token");
        return new TestUser(UUID.fromString(id), handle, token, slackUserId);
    }

    /** {@code prefix} followed by {@code length} random hex digits: a handle no other test has taken. */
    public static String unique(String prefix, int length) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    /** An upper-case code no other test has taken, such as a category code: {@code prefix} and 16 hex digits. */
    public static String uniqueCode(String prefix) {
        return unique(prefix, 16).toUpperCase();
    }

    public static Map<String, Object> declaration(String category, String severity, String region) {
        return Map.of("title", "Test incident " + UUID.randomUUID(), "summary", "Something is happening",
                "category", category, "severity", severity, "region", region);
    }

    /** Declares an incident as the given user and returns its id. */
    public static String declare(RequestSpecification as, String category, String severity) {
        return as.body(declaration(category, severity, "EMEA")).post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
    }

    /** Asks, as the given caller, for the incident to move to {@code status}; the answer is not checked. */
    public static Response changeStatus(RequestSpecification as, String id, String status) {
        return as.body(Map.of("status", status)).post("/api/v1/incidents/" + id + "/status");
    }
}
