package io.vigil.api;

import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problemJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Post-mortems and action items over REST: prefilling, publishing rules, CLOSED gating, roles. */
@QuarkusTest
class PostmortemEndpointsTest {

    private TestUser commander;

    @BeforeEach
    void cast() {
        commander = Api.user("COMMANDER");
    }

    @Test
    void aDraftIsPrefilledFromTheIncidentAndThereIsOnlyOne() {
        String incident = resolved("SEV2");
        Response created = commander.request().post("/api/v1/incidents/" + incident + "/postmortem");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/postmortems/"))
                .body("status", equalTo("DRAFT"))
                .body("incidentId", equalTo(incident))
                .body("severity", equalTo("SEV2"))
                .body("summary", equalTo("Something is happening"))
                .body("impact", containsString("SEV2 ABUSE_HARASSMENT incident in EMEA"))
                .body("timeline.type", hasItem("DECLARED"))
                .body("timeline.type", hasItem("STATUS_CHANGED"))
                .body("durations.timeToMitigate", notNullValue())
                .body("durations.timeToResolve", notNullValue())
                .body("actionItems", equalTo(List.of()))
                .body("dueAt", notNullValue())
                .body("overdue", equalTo(false));
        String id = created.path("id");
        problemJson(commander.request().post("/api/v1/incidents/" + incident + "/postmortem"), 409)
                .body("postmortemId", equalTo(id));
        commander.request().get("/api/v1/incidents/" + incident + "/postmortem").then().statusCode(200)
                .body("id", equalTo(id));
        assertThat(timelineTypes(incident)).contains("POSTMORTEM_CREATED");
    }

    @Test
    void publishingNeedsItsContentAndThenTheIncidentMayClose() {
        String incident = resolved("SEV1");
        String id = postmortem(incident);
        problemJson(Api.changeStatus(commander.request(), incident, "CLOSED"), 409)
                .body("detail", containsString("post-mortem"));

        problemJson(status(id, "PUBLISHED"), 409).body("allowed", equalTo(List.of("IN_REVIEW")));
        status(id, "IN_REVIEW").then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        problemJson(status(id, "PUBLISHED"), 422)
                .body("errors.field", containsInAnyOrder("rootCause", "actionItems"))
                .body("detail", containsString("rootCause"));

        commander.request().body(Map.of("rootCause", "A classifier threshold was lowered without review",
                        "wentWell", "Paged in 40 s"))
                .put("/api/v1/postmortems/" + id).then().statusCode(200)
                .body("rootCause", equalTo("A classifier threshold was lowered without review"))
                .body("summary", equalTo("Something is happening"));
        addItem(id, Map.of("title", "Review threshold changes", "ownerId", commander.id(), "priority", "HIGH"))
                .then().statusCode(201);

        status(id, "PUBLISHED").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("publishedAt", notNullValue());
        assertThat(timelineTypes(incident)).contains("POSTMORTEM_PUBLISHED");
        problemJson(commander.request().body(Map.of("summary", "rewritten")).put("/api/v1/postmortems/" + id), 409);
        problemJson(status(id, "DRAFT"), 409);

        Api.changeStatus(commander.request(), incident, "CLOSED").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
    }

    @Test
    void aSev3NeedsNoActionItemButAnOngoingIncidentCannotPublish() {
        String ongoing = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV3");
        String id = postmortem(ongoing);
        commander.request().body(Map.of("impact", "Few", "rootCause", "A bad deploy")).put("/api/v1/postmortems/" + id)
                .then().statusCode(200);
        status(id, "IN_REVIEW").then().statusCode(200);
        problemJson(status(id, "PUBLISHED"), 409).body("detail", containsString("RESOLVED"));
        for (String s : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            Api.changeStatus(commander.request(), ongoing, s).then().statusCode(200);
        }
        status(id, "PUBLISHED").then().statusCode(200).body("actionItems", equalTo(List.of()));
    }

    @Test
    void actionItemsAreTrackedFilteredAndChangedByTheirOwner() {
        String incident = resolved("SEV2");
        String id = postmortem(incident);
        TestUser owner = Api.user("RESPONDER");
        String late = addItem(id, Map.of("title", "Backfilled follow-up", "ownerId", owner.id(),
                "dueDate", LocalDate.now().minusDays(3).toString())).then().statusCode(201)
                .body("status", equalTo("OPEN")).body("priority", equalTo("MEDIUM"))
                .body("owner.handle", equalTo(owner.handle())).body("overdue", equalTo(true))
                .extract().path("id");
        String later = addItem(id, Map.of("title", "Runbook for threshold changes",
                "dueDate", LocalDate.now().plusDays(30).toString(), "priority", "LOW")).then().statusCode(201)
                .body("overdue", equalTo(false)).body("owner", nullValue()).extract().path("id");

        asAdmin().queryParam("postmortemId", id).get("/api/v1/action-items").then().statusCode(200)
                .body("items.id", containsInAnyOrder(late, later));
        asAdmin().queryParam("postmortemId", id).queryParam("overdue", "true").get("/api/v1/action-items")
                .then().statusCode(200).body("items.id", equalTo(List.of(late)));
        asAdmin().queryParam("owner", owner.id().toString()).get("/api/v1/action-items").then().statusCode(200)
                .body("items.id", equalTo(List.of(late)));
        commander.request().get("/api/v1/postmortems/" + id).then().body("actionItems.id", hasItem(later));

        owner.request().body(Map.of("status", "DONE")).patch("/api/v1/action-items/" + late).then().statusCode(200)
                .body("status", equalTo("DONE")).body("doneAt", notNullValue()).body("overdue", equalTo(false));
        asAdmin().queryParam("postmortemId", id).queryParam("status", "DONE").get("/api/v1/action-items")
                .then().body("items.id", equalTo(List.of(late)));
        problemJson(Api.user("RESPONDER").request().body(Map.of("status", "DONE"))
                .patch("/api/v1/action-items/" + later), 403);

        problemJson(commander.request().body(Map.of()).patch("/api/v1/action-items/" + later), 400);
        problemJson(commander.request().body(Map.of("priority", "URGENT")).patch("/api/v1/action-items/" + later), 400);
        problemJson(addItem(id, Map.of("title", "x", "ownerId", java.util.UUID.randomUUID())), 400)
                .body("errors[0].field", equalTo("ownerId"));
        problemJson(addItem(id, Map.of("title", " ")), 400).body("errors[0].field", equalTo("title"));
        problemJson(asAdmin().queryParam("overdue", "maybe").get("/api/v1/action-items"), 400);
        problemJson(commander.request().body(Map.of("status", "DONE"))
                .patch("/api/v1/action-items/" + java.util.UUID.randomUUID()), 404);
    }

    @Test
    void leadershipReadsButChangesNothing() {
        String incident = resolved("SEV2");
        String id = postmortem(incident);
        TestUser leader = Api.user("LEADERSHIP");
        leader.request().get("/api/v1/postmortems/" + id).then().statusCode(200);
        leader.request().get("/api/v1/action-items").then().statusCode(200);
        problemJson(leader.request().body(Map.of("summary", "x")).put("/api/v1/postmortems/" + id), 403);
        problemJson(leader.request().body(Map.of("status", "IN_REVIEW")).post("/api/v1/postmortems/" + id + "/status"), 403);
        problemJson(addItemAs(leader, id, Map.of("title", "x")), 403);
        problemJson(Api.changeStatus(leader.request(), incident, "CLOSED"), 403);
        String other = resolved("SEV3");
        problemJson(leader.request().post("/api/v1/incidents/" + other + "/postmortem"), 403);
        problemJson(Api.user("RESPONDER").request().post("/api/v1/incidents/" + other + "/postmortem"), 403);
    }

    @Test
    void missingRestrictedAndCancelledAreClear() {
        String incident = resolved("SEV3");
        problemJson(commander.request().get("/api/v1/incidents/" + incident + "/postmortem"), 404)
                .body("detail", containsString("no post-mortem yet"));
        problemJson(asAdmin().get("/api/v1/postmortems/" + java.util.UUID.randomUUID()), 404);
        problemJson(asAdmin().get("/api/v1/postmortems/not-a-uuid"), 404);

        String restricted = Api.declare(commander.request(), "CHILD_SAFETY", "SEV3");
        String hidden = postmortem(restricted);
        problemJson(Api.user("LEADERSHIP").request().get("/api/v1/postmortems/" + hidden), 404);

        String cancelled = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV4");
        commander.request().body(Map.of("status", "CANCELLED", "reason", "false alarm"))
                .post("/api/v1/incidents/" + cancelled + "/status").then().statusCode(200);
        problemJson(commander.request().post("/api/v1/incidents/" + cancelled + "/postmortem"), 409);

        String id = postmortem(Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV4"));
        problemJson(commander.request().body(Map.of("status", "ARCHIVED")).post("/api/v1/postmortems/" + id + "/status"), 400);
        problemJson(commander.request().body(Map.of("summary", "x", "author", "me")).put("/api/v1/postmortems/" + id), 400);
    }

    @Test
    void theReportComesAsMarkdownOrHtmlForWhoeverMayRead() {
        String incident = resolved("SEV2");
        String id = postmortem(incident);
        commander.request().body(Map.of("rootCause", "A <b>bold</b> guess")).put("/api/v1/postmortems/" + id)
                .then().statusCode(200);
        addItem(id, Map.of("title", "Fix the classifier", "ownerId", commander.id())).then().statusCode(201);
        String md = Api.user("LEADERSHIP").request().get("/api/v1/postmortems/" + id + "/report").then()
                .statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertThat(md).startsWith("# Post-incident report: INC-").contains("| Severity | SEV2 |", "## Impact",
                "## Root cause", "A <b>bold</b> guess", "| Fix the classifier | User " + commander.handle(),
                "| Time to acknowledge |", "## Timeline", "DECLARED");
        String html = commander.request().queryParam("format", "html").get("/api/v1/postmortems/" + id + "/report")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<h2>Root cause</h2>", "A &lt;b&gt;bold&lt;/b&gt; guess").doesNotContain("<b>bold");
        problemJson(commander.request().queryParam("format", "pdf").get("/api/v1/postmortems/" + id + "/report"), 400);
        String restricted = postmortem(Api.declare(commander.request(), "CHILD_SAFETY", "SEV3"));
        problemJson(Api.user("LEADERSHIP").request().get("/api/v1/postmortems/" + restricted + "/report"), 404);
    }

    // ------------------------------------------------------------------ helpers

    private String resolved(String severity) {
        String id = Api.declare(commander.request(), "ABUSE_HARASSMENT", severity);
        for (String s : List.of("INVESTIGATING", "MITIGATED", "RESOLVED")) {
            Api.changeStatus(commander.request(), id, s).then().statusCode(200);
        }
        return id;
    }

    private String postmortem(String incident) {
        return commander.request().post("/api/v1/incidents/" + incident + "/postmortem").then().statusCode(201)
                .extract().path("id");
    }

    private Response status(String id, String status) {
        return commander.request().body(Map.of("status", status)).post("/api/v1/postmortems/" + id + "/status");
    }

    private Response addItem(String id, Map<String, Object> body) {
        return addItemAs(commander, id, body);
    }

    private static Response addItemAs(TestUser who, String id, Map<String, Object> body) {
        return who.request().body(body).post("/api/v1/postmortems/" + id + "/action-items");
    }

    private static List<String> timelineTypes(String incident) {
        return asAdmin().queryParam("limit", 200).get("/api/v1/incidents/" + incident + "/timeline").then()
                .statusCode(200).extract().path("items.type");
    }
}
