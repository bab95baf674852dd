package io.vigil.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.vigil.slack.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Requests as Slack sends them: form bodies signed with the test signing secret at a given time. */
public final class SlackRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends form bodies byte for byte, as signed, instead of letting REST Assured re-encode them. */
    public static final io.restassured.config.RestAssuredConfig RAW_FORM = io.restassured.RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/x-www-form-urlencoded", io.restassured.http.ContentType.TEXT));

    private SlackRequests() {
    }

    /** A button click ({@code block_actions}) by {@code slackUser} in {@code channel}. */
    public static Response click(Instant now, String slackUser, String channel, String actionId, String value) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("trigger_id", "1.2.3");
        payload.putObject("user").put("id", slackUser).put("username", "someone");
        payload.putObject("channel").put("id", channel);
        payload.putObject("team").put("id", "T0VIGIL");
        payload.putArray("actions").addObject().put("action_id", actionId).put("value", value)
                .put("type", "button").put("block_id", "vigil.page");
        return post("/api/v1/slack/interactions", now, form(Map.of("payload", payload.toString())));
    }

    /** A slash command typed by {@code slackUser} in {@code channel}. */
    public static Response command(Instant now, String slackUser, String channel, String command, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "deprecated-verification-token");
        fields.put("team_id", "T0VIGIL");
        fields.put("channel_id", channel);
        fields.put("user_id", slackUser);
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", "http://127.0.0.1:9/unused");
        fields.put("trigger_id", "1.2.3");
        return post("/api/v1/slack/commands", now, form(fields));
    }

    /** Posts {@code body} signed at {@code now} with the test secret. */
    public static Response post(String path, Instant now, String body) {
        String timestamp = Long.toString(now.getEpochSecond());
        return given().config(RAW_FORM).contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackSignature.sign(SlackTestResource.SIGNING_SECRET, timestamp,
                        body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(path);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
