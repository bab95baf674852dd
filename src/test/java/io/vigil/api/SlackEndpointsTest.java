package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.slack.SlackSignature;
import io.vigil.support.Api;
import io.vigil.support.SlackRequests;
import io.vigil.support.SlackTestResource;
import io.vigil.support.TestClock;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The request verification of {@code POST /slack/commands} and {@code /slack/interactions} over HTTP:
 * only a correctly signed, fresh, first-seen request passes; everything else is a bare 401.
 */
@QuarkusTest
class SlackEndpointsTest {

    private static final String[] PATHS = {"/api/v1/slack/commands", "/slack/commands"};

    @Inject
    TestClock clock;

    private String helpBody() {
        return SlackRequests.form(Map.of("command", "/incident", "text", "help", "user_id", "UHELPER",
                "channel_id", "C0ANY", "nonce", Api.unique("", 16)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/slack/commands", "/slack/commands"})
    void aCorrectlySignedRequestPasses(String path) {
        SlackRequests.post(path, clock.instant(), helpBody()).then().statusCode(200)
                .body("response_type", equalTo("ephemeral"));
    }

    @Test
    void aWrongSecretIsRefused() {
        String body = helpBody();
        refused(send(PATHS[0], timestamp(clock.instant()), sign("not-the-secret-at-all", clock.instant(), body), body));
    }

    @Test
    void aTamperedBodyIsRefused() {
        String body = helpBody();
        String signature = sign(SlackTestResource.SIGNING_SECRET, clock.instant(), body);
        refused(send(PATHS[0], timestamp(clock.instant()), signature, body.replace("help", "hel0")));
    }

    @ParameterizedTest
    @ValueSource(longs = {-6, 6})
    void aTimestampSixMinutesAwayEitherWayIsRefused(long minutes) {
        Instant then = clock.instant().plus(Duration.ofMinutes(minutes));
        String body = helpBody();
        refused(send(PATHS[0], timestamp(then), sign(SlackTestResource.SIGNING_SECRET, then, body), body));
    }

    @Test
    void aReplayOfAValidRequestIsRefused() {
        Instant now = clock.instant();
        String body = helpBody();
        String signature = sign(SlackTestResource.SIGNING_SECRET, now, body);
        send(PATHS[0], timestamp(now), signature, body).then().statusCode(200);
        refused(send(PATHS[0], timestamp(now), signature, body));
        refused(send(PATHS[1], timestamp(now), signature, body)); // the other path shares the replay guard
    }

    @Test
    void missingHeadersAreRefused() {
        Instant now = clock.instant();
        String body = helpBody();
        String signature = sign(SlackTestResource.SIGNING_SECRET, now, body);
        refused(send(PATHS[0], null, signature, body));
        refused(send(PATHS[0], timestamp(now), null, body));
        refused(send(PATHS[0], null, null, body));
        refused(send("/api/v1/slack/interactions", null, null, "payload=%7B%7D"));
    }

    @Test
    void aBearerTokenIsNoSubstituteForSlacksSignature() {
        refused(Api.asAdmin().config(SlackRequests.RAW_FORM).contentType("application/x-www-form-urlencoded")
                .body(helpBody())
                .post("/api/v1/slack/commands"));
    }

    @Test
    void aSignedRequestThatIsNotASlackFormIsA400() {
        SlackRequests.post("/api/v1/slack/commands", clock.instant(), "hello=world").then().statusCode(400)
                .contentType(Api.PROBLEM_JSON);
        SlackRequests.post("/api/v1/slack/interactions", clock.instant(), "payload=not-json").then().statusCode(400)
                .contentType(Api.PROBLEM_JSON);
    }

    @Test
    void anInteractionIsAnsweredAtOnce() {
        // an action Vigil does not know: accepted, ignored
        SlackRequests.click(clock.instant(), "UANYONE", "C0ANY", "some.other.action", "x").then().statusCode(200);
    }

    private static void refused(Response response) {
        response.then().statusCode(401).contentType(Api.PROBLEM_JSON)
                .body("status", equalTo(401)).body("$", not(hasKey("detail")));
    }

    private static Response send(String path, String timestamp, String signature, String body) {
        var request = given().config(SlackRequests.RAW_FORM).contentType("application/x-www-form-urlencoded")
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request = request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request = request.header("X-Slack-Signature", signature);
        }
        return request.post(path);
    }

    private static String timestamp(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    private static String sign(String secret, Instant at, String body) {
        return SlackSignature.sign(secret, timestamp(at), body.getBytes(StandardCharsets.UTF_8));
    }
}
