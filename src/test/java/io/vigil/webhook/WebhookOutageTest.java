package io.vigil.webhook;

import static io.vigil.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.WebhookReceiver;
import io.vigil.support.WebhookReceiver.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The receiver is down for two real minutes while pages run: escalation goes on regardless, the
 * undelivered notifications are marked DELAYED on their timelines, and once the receiver is back
 * every event arrives — none lost, and any duplicate carries the same event id.
 */
@QuarkusTest
class WebhookOutageTest {

    private static final int INCIDENTS = 5;

    @Test
    void aReceiverDownForTwoMinutesGetsEveryEventAfterwardsUnderItsOneId() {
        TestUser first = Api.user("RESPONDER");
        TestUser second = Api.user("RESPONDER");
        TestUser commander = Api.user("COMMANDER");
        String category = Api.uniqueCode("WO_");
        asAdmin().body(Map.of("code", category, "name", "Outage " + category, "restrictedByDefault", false))
                .post("/api/v1/categories").then().statusCode(201);
        asAdmin().body(Map.of("name", "Outage " + category, "severities", List.of("SEV1"), "categories", List.of(category),
                        "levels", List.of(
                                Map.of("targets", List.of(Map.of("type", "USER", "userId", first.id())), "ackTimeout", "PT10S"),
                                Map.of("targets", List.of(Map.of("type", "USER", "userId", second.id())), "ackTimeout", "PT10S")),
                        "repeat", 0))
                .post("/api/v1/escalation-policies").then().statusCode(201);

        try (WebhookReceiver receiver = new WebhookReceiver("outage-secret-" + Api.unique("", 16))) {
            String subscription = asAdmin().body(Map.of("url", receiver.url(), "secret", receiver.secret(),
                    "events", List.of("*"))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            try {
                receiver.down();
                List<String> incidents = new ArrayList<>();
                for (int i = 0; i < INCIDENTS; i++) {
                    incidents.add(commander.request().body(Map.of("title", "Outage story " + i, "category", category,
                                    "severity", "SEV1", "region", "AMER"))
                            .post("/api/v1/incidents").then().statusCode(201).extract().<String>path("id"));
                }
                sleep(Duration.ofMinutes(2));

                // escalation did not wait for the receiver
                for (String incident : incidents) {
                    assertThat(asAdmin().queryParam("incidentId", incident).get("/api/v1/pages").then().statusCode(200)
                            .extract().<String>path("items[0].status")).isEqualTo("EXHAUSTED");
                    List<String> texts = asAdmin().queryParam("limit", 200).get("/api/v1/incidents/" + incident
                            + "/timeline").then().statusCode(200).extract().path("items.findAll { it.type == 'DELIVERY_FAILED' }.text");
                    assertThat(texts).anyMatch(t -> t.contains("failed; retrying"));
                    assertThat(texts).anyMatch(t -> t.contains("DELAYED"));
                }
                assertThat(receiver.received()).isEmpty();

                receiver.up();
                Set<String> mine = new HashSet<>(incidents);
                // per incident: declared, triggered (first), escalated (second), exhausted
                List<Received> all = receiver.await(r -> mine.contains(r.body().path("incident").path("id").asText()),
                        INCIDENTS * 4, Duration.ofSeconds(90));
                sleep(Duration.ofSeconds(2)); // anything still in flight lands too
                all = receiver.received(r -> mine.contains(r.body().path("incident").path("id").asText()));

                assertThat(all).allMatch(Received::signatureValid);
                Map<String, List<Received>> byId = all.stream().collect(Collectors.groupingBy(Received::eventId));
                assertThat(byId).hasSize(INCIDENTS * 4);
                byId.values().forEach(copies -> assertThat(copies.stream().map(r -> r.body().toString()).distinct())
                        .as("a duplicate delivery repeats the same event").hasSize(1));
                for (String incident : incidents) {
                    List<String> kinds = byId.values().stream().map(copies -> copies.get(0))
                            .filter(r -> r.body().path("incident").path("id").asText().equals(incident))
                            .map(r -> r.type() + ":" + r.body().path("notification").path("user").path("id").asText(""))
                            .sorted().toList();
                    assertThat(kinds).containsExactly("incident.declared:", "page.escalated:" + second.id(),
                            "page.exhausted:", "page.triggered:" + first.id());
                }
                // the notifications are delivered now
                for (String incident : incidents) {
                    assertThat(asAdmin().queryParam("incidentId", incident).get("/api/v1/pages").then().statusCode(200)
                            .extract().<List<String>>path("items[0].notifications.status")).containsOnly("DELIVERED");
                }
            } finally {
                asAdmin().delete("/api/v1/webhooks/" + subscription).then().statusCode(204);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
