package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static io.vigil.support.Problems.validationProblem;
import static io.vigil.support.Problems.withRawBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.support.Problems.EveryEndpointNeedsAToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * REST contract of outbound webhook subscriptions ({@code POST/GET /webhooks},
 * {@code DELETE /webhooks/{id}}, {@code GET /webhooks/{id}/deliveries}), ADMIN only, and what a
 * receiver gets: the headers, the signature, only the events it subscribed to, and nothing of a
 * restricted incident's content.
 *
 * <p>Every subscription a test makes is deleted afterwards: subscriptions are global, and one that
 * wants page events turns every other test's page notifications into webhook deliveries. The
 * receivers here are local HTTP servers on 127.0.0.1 that record headers as well as bodies.
 *
 * <p>Cases that do not apply: {@code GET /webhooks} has no validation failure and no 404;
 * {@code DELETE /webhooks/{id}} has no validation failure (a malformed id is a 404).
 */
@QuarkusTest
class WebhookEndpointsTest implements EveryEndpointNeedsAToken {

    private static final String WEBHOOKS = "/api/v1/webhooks";
    private static final String INCIDENTS = "/api/v1/incidents";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String category;

    private final List<String> subscriptions = new ArrayList<>();
    /** Incidents this class declared: cancelled after each test, once the subscriptions are gone. */
    private final List<String> declared = new ArrayList<>();

    @BeforeEach
    void fixtures() {
        if (category == null) {
            category = Api.uniqueCode("WH_");
            asAdmin().body(Map.of("code", category, "name", "Webhooks " + category, "restrictedByDefault", false))
                    .post("/api/v1/categories").then().statusCode(201);
        }
    }

    @AfterEach
    void deleteSubscriptionsThenCancelIncidents() {
        for (String id : subscriptions) {
            int status = asAdmin().delete(WEBHOOKS + "/" + id).statusCode();
            assertThat(status).as("deleting subscription " + id).isIn(204, 404);
        }
        subscriptions.clear();
        for (String id : declared) {
            String status = asAdmin().get(INCIDENTS + "/" + id).then().statusCode(200).extract().path("status");
            if (!List.of("RESOLVED", "CLOSED", "CANCELLED").contains(status)) {
                asAdmin().body(Map.of("status", "CANCELLED", "reason", "test over"))
                        .post(INCIDENTS + "/" + id + "/status").then().statusCode(200);
            }
        }
        declared.clear();
    }

    // ---------------------------------------------------------------- 401 on every endpoint

    static Stream<Arguments> everyEndpoint() {
        String id = WEBHOOKS + "/" + UUID.randomUUID();
        return Stream.of(Arguments.of("POST", WEBHOOKS), Arguments.of("GET", WEBHOOKS),
                Arguments.of("DELETE", id), Arguments.of("GET", id + "/deliveries"));
    }

    @Override
    public String unknownToken() {
        return "vgl_not-a-webhook-token";
    }

    // ---------------------------------------------------------------- 403 for everyone but ADMIN

    @ParameterizedTest(name = "{0} may not manage webhooks")
    @ValueSource(strings = {"MANAGER", "COMMANDER", "RESPONDER", "LEADERSHIP"})
    void onlyAnAdminManagesWebhooks(String role) {
        TestUser user = Api.user(role);
        String existing = subscribe(Map.of("url", "https://hooks.example.org/forbidden", "secret", secret(),
                "events", List.of("postmortem.published")));

        problem(user.request().body(Map.of("url", "https://hooks.example.org/mine", "secret", secret(),
                "events", List.of("*"))).post(WEBHOOKS), 403).body("type", equalTo("/problems/forbidden"));
        problem(user.request().get(WEBHOOKS), 403).body("type", equalTo("/problems/forbidden"));
        problem(user.request().get(WEBHOOKS + "/" + existing + "/deliveries"), 403);
        problem(user.request().delete(WEBHOOKS + "/" + existing), 403);
        // and about an id that does not exist, the answer is the same
        problem(user.request().delete(WEBHOOKS + "/" + UUID.randomUUID()), 403);

        asAdmin().get(WEBHOOKS).then().statusCode(200)
                .body("items.id", hasItem(existing))
                .body("items.url", not(hasItem("https://hooks.example.org/mine")));
    }

    // ---------------------------------------------------------------- POST, GET, DELETE

    @Test
    void subscribeListAndDeleteWithoutEverShowingTheSecret() {
        String secret = "s3cret-" + Api.unique("", 16) + "WXYZ";
        ExtractableResponse<Response> created = asAdmin().body(Map.of("url", "  https://hooks.example.org/vigil?team=crt  ",
                        "secret", secret, "events", List.of("postmortem.published", "incident.updated", "postmortem.published")))
                .post(WEBHOOKS).then().log().ifValidationFails()
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("url", equalTo("https://hooks.example.org/vigil?team=crt"))
                .body("events", contains("postmortem.published", "incident.updated"))
                .body("secretHint", equalTo("…WXYZ"))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("secret")))
                .extract();
        String id = created.path("id");
        subscriptions.add(id);
        assertThat(created.header("Location")).endsWith(WEBHOOKS + "/" + id);
        assertThat(created.asString()).doesNotContain(secret);

        String list = asAdmin().get(WEBHOOKS).then().log().ifValidationFails().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.secretHint", equalTo("…WXYZ"))
                .body("items.find { it.id == '" + id + "' }.events", contains("postmortem.published", "incident.updated"))
                .body("items.find { it.id == '" + id + "' }", not(hasKey("secret")))
                .body("nextCursor", nullValue())
                .extract().asString();
        assertThat(list).doesNotContain(secret);

        asAdmin().get(WEBHOOKS + "/" + id + "/deliveries").then().statusCode(200)
                .body("items", empty()).body("nextCursor", nullValue());

        asAdmin().delete(WEBHOOKS + "/" + id).then().log().ifValidationFails().statusCode(204);
        asAdmin().get(WEBHOOKS).then().statusCode(200).body("items.id", not(hasItem(id)));
        problem(asAdmin().delete(WEBHOOKS + "/" + id), 404).body("type", equalTo("/problems/not-found"));
        problem(asAdmin().get(WEBHOOKS + "/" + id + "/deliveries"), 404);

        // audited, and the audit log does not carry the secret either
        String audit = asAdmin().queryParam("entityType", "webhook_subscription").queryParam("entityId", id)
                .get("/api/v1/audit").then().log().ifValidationFails().statusCode(200)
                .body("items.action", contains("webhook.deleted", "webhook.created"))
                .extract().asString();
        assertThat(audit).doesNotContain(secret);
    }

    @Test
    void aSecretOfExactlySixteenCharactersAndAnHttpUrlWithAPortAreAccepted() {
        subscriptions.add(asAdmin().body(Map.of("url", "http://127.0.0.1:9/hook", "secret", "0123456789abcdef",
                        "events", List.of("*")))
                .post(WEBHOOKS).then().log().ifValidationFails().statusCode(201)
                .body("url", equalTo("http://127.0.0.1:9/hook"))
                .body("events", contains("*"))
                .body("secretHint", equalTo("…cdef"))
                .extract().path("id"));
        // delete at once: a catch-all subscription to a closed port must not linger
        asAdmin().delete(WEBHOOKS + "/" + subscriptions.remove(0)).then().statusCode(204);
    }

    static Stream<Arguments> invalidSubscriptions() {
        String events = "\"events\":[\"incident.declared\"]";
        String secret = "\"secret\":\"0123456789abcdef\"";
        String url = "\"url\":\"https://hooks.example.org/x\"";
        return Stream.of(
                Arguments.of("{\"url\":\"ftp://hooks.example.org/x\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"/relative/hook\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"hooks.example.org/x\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"not a url at all\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"https://alice:hunter2@hooks.example.org/x\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"http://\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"https:opaque\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"mailto:crt@example.org\"," + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":\"  \"," + secret + "," + events + "}", "url"),
                Arguments.of("{" + secret + "," + events + "}", "url"),
                Arguments.of("{\"url\":42," + secret + "," + events + "}", "url"),
                Arguments.of("{" + url + ",\"secret\":\"0123456789abcde\"," + events + "}", "secret"),
                Arguments.of("{" + url + ",\"secret\":\"                \"," + events + "}", "secret"),
                Arguments.of("{" + url + "," + events + "}", "secret"),
                Arguments.of("{" + url + "," + secret + ",\"events\":[]}", "events"),
                Arguments.of("{" + url + "," + secret + "}", "events"),
                Arguments.of("{" + url + "," + secret + ",\"events\":\"*\"}", "events"),
                Arguments.of("{" + url + "," + secret + ",\"events\":[\"incident.exploded\"]}", "events[0]"),
                Arguments.of("{" + url + "," + secret + ",\"events\":[\"*\",\"PAGE.TRIGGERED\"]}", "events[1]"),
                Arguments.of("{" + url + "," + secret + ",\"events\":[null]}", "events[0]"),
                Arguments.of("{" + url + "," + secret + "," + events + ",\"active\":true}", "active"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "subscription {0} is a 400 naming {1}")
    @MethodSource("invalidSubscriptions")
    void invalidSubscriptionIsA400NamingTheField(String body, String field) {
        int before = asAdmin().get(WEBHOOKS).then().statusCode(200).extract().path("items.size()");
        validationProblem(withRawBody(asAdmin(), body).post(WEBHOOKS), field);
        asAdmin().get(WEBHOOKS).then().statusCode(200).body("items.size()", equalTo(before));
    }

    @Test
    void unknownOrMalformedIdsAre404s() {
        problem(asAdmin().delete(WEBHOOKS + "/" + UUID.randomUUID()), 404).body("type", equalTo("/problems/not-found"));
        problem(asAdmin().delete(WEBHOOKS + "/not-a-uuid"), 404);
        problem(asAdmin().get(WEBHOOKS + "/" + UUID.randomUUID() + "/deliveries"), 404);
        problem(asAdmin().get(WEBHOOKS + "/not-a-uuid/deliveries"), 404);
    }

    @Test
    void badDeliveryQueriesAre400s() {
        String id = subscribe(Map.of("url", "https://hooks.example.org/q", "secret", secret(),
                "events", List.of("postmortem.published")));
        validationProblem(asAdmin().queryParam("status", "SENT").get(WEBHOOKS + "/" + id + "/deliveries"), "status");
        validationProblem(asAdmin().queryParam("limit", "0").get(WEBHOOKS + "/" + id + "/deliveries"), "limit");
        validationProblem(asAdmin().queryParam("limit", "201").get(WEBHOOKS + "/" + id + "/deliveries"), "limit");
        for (String status : List.of("PENDING", "DELIVERED", "FAILED", "CANCELLED")) {
            asAdmin().queryParam("status", status).get(WEBHOOKS + "/" + id + "/deliveries").then().statusCode(200)
                    .body("items", empty());
        }
    }

    // ---------------------------------------------------------------- what receivers get

    @Test
    void aReceiverGetsOnlyTheEventsItSubscribedToSignedAndWithItsHeaders() {
        TestUser commander = Api.user("COMMANDER");
        TestUser paged = Api.user("RESPONDER");
        try (Receiver declaredOnly = new Receiver(secret()); Receiver pagesOnly = new Receiver(secret())) {
            String declaredSubscription = subscribe(Map.of("url", declaredOnly.url(), "secret", declaredOnly.secret,
                    "events", List.of("incident.declared")));
            subscribe(Map.of("url", pagesOnly.url(), "secret", pagesOnly.secret, "events", List.of("page.triggered")));

            ExtractableResponse<Response> incident = commander.request().body(Map.of("title", "Webhook story",
                            "summary", "told to receivers", "category", category, "severity", "SEV4", "region", "AMER"))
                    .post(INCIDENTS).then().statusCode(201).extract();
            String incidentId = incident.path("id");
            declared.add(incidentId);
            // a page event exists (the other receiver wants it), and a status change makes an incident.updated
            asAdmin().body(Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                    .post(INCIDENTS + "/" + incidentId + "/pages").then().statusCode(201)
                    .body("notifications[0].channel", equalTo("WEBHOOK"));
            Api.changeStatus(commander.request(), incidentId, "INVESTIGATING").then().statusCode(200);

            Delivery declared = declaredOnly.await(d -> incidentId.equals(d.incidentId()), 1).get(0);
            assertThat(declared.signatureValid()).isTrue();
            assertThat(declared.header("X-Vigil-Event")).isEqualTo("incident.declared");
            assertThat(declared.header("X-Vigil-Event-Id")).isEqualTo(declared.body().path("id").asText()).isNotBlank();
            assertThat(declared.header("Content-Type")).startsWith("application/json");
            assertThat(Long.parseLong(declared.header("X-Vigil-Timestamp")))
                    .isBetween(Instant.now().getEpochSecond() - 300, Instant.now().getEpochSecond() + 5);
            assertThat(declared.header("X-Vigil-Signature")).matches("v1=[0-9a-f]{64}");
            JsonNode body = declared.body();
            assertThat(body.path("type").asText()).isEqualTo("incident.declared");
            assertThat(body.path("at").asText()).isNotBlank();
            assertThat(body.has("page")).isFalse();
            assertThat(body.has("notification")).isFalse();
            JsonNode summary = body.path("incident");
            assertThat(summary.path("id").asText()).isEqualTo(incidentId);
            assertThat(summary.path("ref").asText()).isEqualTo(incident.<String>path("reference"));
            assertThat(summary.path("title").asText()).isEqualTo("Webhook story");
            assertThat(summary.path("summary").asText()).isEqualTo("told to receivers");
            assertThat(summary.path("category").asText()).isEqualTo(category);
            assertThat(summary.path("region").asText()).isEqualTo("AMER");
            assertThat(summary.path("severity").asText()).isEqualTo("SEV4");
            assertThat(summary.path("status").asText()).isEqualTo("DECLARED");
            assertThat(summary.path("restricted").asBoolean(true)).isFalse();

            Delivery page = pagesOnly.await(d -> incidentId.equals(d.incidentId()), 1).get(0);
            assertThat(page.header("X-Vigil-Event")).isEqualTo("page.triggered");
            assertThat(page.signatureValid()).isTrue();
            assertThat(page.body().path("notification").path("user").path("id").asText()).isEqualTo(paged.id().toString());

            // the declared-only subscription never had anything else stored for it, nor sent
            awaitNoPending(declaredSubscription);
            asAdmin().get(WEBHOOKS + "/" + declaredSubscription + "/deliveries").then().log().ifValidationFails()
                    .statusCode(200)
                    .body("items.findAll { it.incidentId == '" + incidentId + "' }.eventType", contains("incident.declared"))
                    .body("items.find { it.incidentId == '" + incidentId + "' }.eventId",
                            equalTo(declared.body().path("id").asText()))
                    .body("items.find { it.incidentId == '" + incidentId + "' }.status", equalTo("DELIVERED"))
                    .body("items.find { it.incidentId == '" + incidentId + "' }.attempts", equalTo(1))
                    .body("items.find { it.incidentId == '" + incidentId + "' }.deliveredAt", notNullValue())
                    .body("items.find { it.incidentId == '" + incidentId + "' }.nextAttemptAt", nullValue())
                    .body("items.find { it.incidentId == '" + incidentId + "' }.lastError", nullValue());
            asAdmin().queryParam("status", "DELIVERED").get(WEBHOOKS + "/" + declaredSubscription + "/deliveries")
                    .then().statusCode(200).body("items.incidentId", hasItem(incidentId));
            for (String status : List.of("PENDING", "FAILED", "CANCELLED")) {
                asAdmin().queryParam("status", status).get(WEBHOOKS + "/" + declaredSubscription + "/deliveries")
                        .then().statusCode(200).body("items.incidentId", not(hasItem(incidentId)));
            }
            sleep(Duration.ofMillis(1500)); // longer than the dispatcher's poll
            assertThat(declaredOnly.received(d -> incidentId.equals(d.incidentId())))
                    .extracting(d -> d.header("X-Vigil-Event")).containsExactly("incident.declared");
            assertThat(pagesOnly.received(d -> incidentId.equals(d.incidentId())))
                    .extracting(d -> d.header("X-Vigil-Event")).containsExactly("page.triggered");
        }
    }

    @Test
    void aRestrictedIncidentLeavesVigilWithoutItsContent() {
        TestUser paged = Api.user("RESPONDER");
        TestUser commander = Api.user("RESPONDER");
        String title = "Restricted title " + UUID.randomUUID();
        String summaryText = "Restricted summary " + UUID.randomUUID();
        try (Receiver everything = new Receiver(secret())) {
            subscribe(Map.of("url", everything.url(), "secret", everything.secret, "events", List.of("*")));

            String incidentId = asAdmin().body(Map.of("title", title, "summary", summaryText, "category", "CHILD_SAFETY",
                            "severity", "SEV4", "region", "APAC"))
                    .post(INCIDENTS).then().statusCode(201).body("restricted", equalTo(true)).extract().path("id");
            declared.add(incidentId);
            String reference = asAdmin().get(INCIDENTS + "/" + incidentId).then().statusCode(200).extract().path("reference");
            asAdmin().body(Map.of("userId", commander.id())).put(INCIDENTS + "/" + incidentId + "/commander")
                    .then().statusCode(200);
            asAdmin().body(Map.of("target", Map.of("type", "USER", "userId", paged.id())))
                    .post(INCIDENTS + "/" + incidentId + "/pages").then().statusCode(201);

            // declared, updated (commander), page.triggered
            List<Delivery> all = everything.await(d -> incidentId.equals(d.incidentId()), 3);
            assertThat(all).extracting(d -> d.header("X-Vigil-Event"))
                    .containsExactlyInAnyOrder("incident.declared", "incident.updated", "page.triggered");
            for (Delivery delivery : all) {
                assertThat(delivery.signatureValid()).isTrue();
                JsonNode incident = delivery.body().path("incident");
                assertThat(fieldNames(incident)).as(delivery.header("X-Vigil-Event") + " incident fields")
                        .containsExactlyInAnyOrder("id", "ref", "severity", "status", "restricted");
                assertThat(incident.path("id").asText()).isEqualTo(incidentId);
                assertThat(incident.path("ref").asText()).isEqualTo(reference);
                assertThat(incident.path("severity").asText()).isEqualTo("SEV4");
                assertThat(incident.path("status").asText()).isEqualTo("DECLARED");
                assertThat(incident.path("restricted").asBoolean()).isTrue();
                assertThat(delivery.raw()).doesNotContain(title).doesNotContain(summaryText)
                        .doesNotContain("CHILD_SAFETY").doesNotContain("APAC");
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private String subscribe(Map<String, Object> body) {
        String id = asAdmin().body(body).post(WEBHOOKS).then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
        subscriptions.add(id);
        return id;
    }

    private static String secret() {
        return "whsec-" + Api.unique("", 20);
    }

    private static void awaitNoPending(String subscription) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<?> pending = asAdmin().queryParam("status", "PENDING").get(WEBHOOKS + "/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().path("items");
            if (pending.isEmpty()) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("deliveries of " + subscription + " still PENDING after " + WAIT);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One request a {@link Receiver} accepted: its headers (lower-cased names), raw body and signature check. */
    record Delivery(Map<String, String> headers, String raw, JsonNode body, boolean signatureValid) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String incidentId() {
            return body.path("incident").path("id").asText();
        }
    }

    /**
     * A receiver on 127.0.0.1 that keeps every request's headers as well as its body, and checks the
     * signature independently of {@code WebhookSignature}: the hex HMAC-SHA256 of
     * {@code "<X-Vigil-Timestamp>.<body>"} keyed with the secret.
     */
    static final class Receiver implements AutoCloseable {

        final String secret;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final List<Delivery> received = new CopyOnWriteArrayList<>();

        Receiver(String secret) {
            this.secret = secret;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/hook", exchange -> {
                byte[] bytes;
                try (InputStream in = exchange.getRequestBody()) {
                    bytes = in.readAllBytes();
                }
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                String raw = new String(bytes, StandardCharsets.UTF_8);
                boolean valid = false;
                String timestamp = headers.get("x-vigil-timestamp");
                if (timestamp != null) {
                    valid = ("v1=" + hmacHex(secret, timestamp + "." + raw)).equals(headers.get("x-vigil-signature"));
                }
                received.add(new Delivery(headers, raw, JSON.readTree(bytes), valid));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Delivery> received(Predicate<Delivery> filter) {
            return received.stream().filter(filter).toList();
        }

        List<Delivery> await(Predicate<Delivery> filter, int count) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                List<Delivery> matching = received(filter);
                if (matching.size() >= count) {
                    return matching;
                }
                sleep(Duration.ofMillis(20));
            }
            throw new AssertionError("expected " + count + " deliveries within " + WAIT + ", got "
                    + received.stream().map(d -> d.header("X-Vigil-Event") + " " + d.incidentId()).toList());
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }

        private static String hmacHex(String secret, String message) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }
}
