package io.vigil.support;

import static io.vigil.support.Api.asAdmin;

import io.restassured.path.json.JsonPath;
import io.vigil.support.Api.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stage of a paging story. Each story runs far in the future (the clock jumps a year and more
 * ahead, further for every story) so its overrides and region windows collide with nothing else in
 * the shared database; {@link #close()} puts back everything global it changed.
 *
 * <p>The cast: EMEA is the active region; its PRIMARY and SECONDARY are held by overrides, and there
 * is a global duty lead and a manager (EMEA's once {@link #defaultLadder} runs) — the spec's default
 * ladder, L1 to L4. With {@code slack}, everyone has a Slack member id. Incidents declared through
 * {@link #declare} are cancelled when the story ends.
 */
public final class PagingScene implements AutoCloseable {

    private static final AtomicInteger STORY = new AtomicInteger();

    public final TestUser commander;
    public final TestUser primary;
    public final TestUser secondary;
    public final TestUser manager;
    public final TestUser dutyLead;
    /** A category of this story's own, so its escalation policies apply to its incidents only. */
    public final String category;
    public final int story;

    private final TestClock clock;
    private final List<String> overrides = new ArrayList<>();
    private final List<String> incidents = new ArrayList<>();
    private final List<Map<String, Object>> savedRegions;
    private final String savedDutyLead;

    public PagingScene(TestClock clock, boolean slack) {
        this.clock = clock;
        this.story = STORY.getAndIncrement();
        clock.advance(Duration.ofDays(400 + 3L * story));
        commander = slack ? Api.slackUser("COMMANDER") : Api.user("COMMANDER");
        primary = slack ? Api.slackUser("RESPONDER") : Api.user("RESPONDER");
        secondary = slack ? Api.slackUser("RESPONDER") : Api.user("RESPONDER");
        manager = slack ? Api.slackUser("MANAGER") : Api.user("MANAGER");
        dutyLead = slack ? Api.slackUser("MANAGER") : Api.user("MANAGER");
        savedRegions = asAdmin().get("/api/v1/regions").then().statusCode(200).extract().path("items");
        savedDutyLead = asAdmin().get("/api/v1/duty-lead").then().statusCode(200).extract().path("user.id");
        int hour = hourNow();
        // EMEA holds the pager now and for the next six hours; APAC and AMER share the rest of the day
        windows(hour - 2, hour + 6, hour + 6, hour + 14, hour + 14, hour - 2);
        asAdmin().body(Map.of("userId", dutyLead.id())).put("/api/v1/duty-lead").then().statusCode(200);
        override("EMEA", "PRIMARY", primary);
        override("EMEA", "SECONDARY", secondary);
        category = Api.uniqueCode("PG_");
        asAdmin().body(Map.of("code", category, "name", "Paging story " + category, "restrictedByDefault", false))
                .post("/api/v1/categories").then().statusCode(201);
    }

    /**
     * Ends the story: its incidents are cancelled (so no page of theirs climbs into a later story, whose
     * clock is further ahead), and everything global it changed is put back.
     */
    @Override
    public void close() {
        for (String incident : incidents) {
            asAdmin().body(Map.of("status", "CANCELLED", "reason", "end of the test story"))
                    .post("/api/v1/incidents/" + incident + "/status"); // 409 for one already over: fine
        }
        overrides.forEach(id -> asAdmin().delete("/api/v1/overrides/" + id).then().statusCode(204));
        for (Map<String, Object> region : savedRegions) {
            Map<String, Object> body = new HashMap<>();
            body.put("timeZone", region.get("timeZone"));
            body.put("coverageStart", region.get("coverageStart"));
            body.put("coverageEnd", region.get("coverageEnd"));
            Object manager = region.get("manager");
            body.put("managerId", manager == null ? null : ((Map<?, ?>) manager).get("id"));
            asAdmin().body(body).put("/api/v1/regions/" + region.get("code")).then().statusCode(200);
        }
        if (savedDutyLead != null) {
            asAdmin().body(Map.of("userId", savedDutyLead)).put("/api/v1/duty-lead").then().statusCode(200);
        }
        clock.reset();
    }

    // ------------------------------------------------------------------------------ incidents

    /** Declares an incident of this story's category in EMEA, as the commander. */
    public String declare(String severity) {
        return declare(severity, false);
    }

    public String declare(String severity, boolean restricted) {
        String id = commander.request().body(Map.of("title", "Story " + story, "summary", "as told by the test",
                        "category", category, "severity", severity, "region", "EMEA", "restricted", restricted))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        incidents.add(id);
        return id;
    }

    /** The incident's (newest) page. */
    public static JsonPath page(String incident) {
        return asAdmin().queryParam("incidentId", incident).get("/api/v1/pages").then().statusCode(200)
                .extract().jsonPath().setRootPath("items[0]");
    }

    public static List<String> timeline(String incident) {
        return asAdmin().queryParam("limit", 200).get("/api/v1/incidents/" + incident + "/timeline").then()
                .statusCode(200).extract().path("items.type");
    }

    /** The text of the first timeline entry of {@code type}. */
    public static String timelineText(String incident, String type) {
        return asAdmin().queryParam("limit", 200).get("/api/v1/incidents/" + incident + "/timeline").then()
                .statusCode(200).extract().path("items.find { it.type == '" + type + "' }.text");
    }

    public static Duration ackTimeout(String severity) {
        String timeout = asAdmin().get("/api/v1/severities").then().statusCode(200).extract()
                .path("items.find { it.severity == '" + severity + "' }.ackTimeout");
        return Duration.parse(timeout);
    }

    // ------------------------------------------------------------------------------ policies

    /** The spec's default ladder, as this story's own policy (category + severity wins over any other). */
    public void defaultLadder(int repeat, String ackTimeout) {
        policy(List.of("SEV1", "SEV2", "SEV3"), List.of(level("ACTIVE_PRIMARY", ackTimeout),
                level("ACTIVE_SECONDARY", ackTimeout), level("REGION_MANAGER", ackTimeout),
                level("DUTY_LEAD", ackTimeout)), repeat);
        emeaManagedBy(manager);
    }

    public static void emeaManagedBy(TestUser manager) {
        Map<String, Object> region = new HashMap<>(Map.of("timeZone", "Etc/UTC"));
        Map<String, Object> emea = region("EMEA");
        region.put("coverageStart", emea.get("coverageStart"));
        region.put("coverageEnd", emea.get("coverageEnd"));
        region.put("managerId", manager.id());
        asAdmin().body(region).put("/api/v1/regions/EMEA").then().statusCode(200);
    }

    public static Map<String, Object> level(String type, String ackTimeout) {
        Map<String, Object> level = new HashMap<>();
        level.put("targets", List.of(Map.of("type", type)));
        if (ackTimeout != null) {
            level.put("ackTimeout", ackTimeout);
        }
        return level;
    }

    public void policy(List<String> severities, List<Map<String, Object>> levels, int repeat) {
        asAdmin().body(Map.of("name", "Story " + Api.unique("", 12), "severities", severities,
                        "categories", List.of(category), "levels", levels, "repeat", repeat))
                .post("/api/v1/escalation-policies").then().log().ifValidationFails().statusCode(201);
    }

    // ------------------------------------------------------------------------------ who is on call

    public void override(String region, String layer, TestUser who) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        overrides.add(asAdmin().body(Map.of("region", region, "layer", layer, "userId", who.id(),
                        "start", now.minus(Duration.ofHours(1)).toString(), "end", now.plus(Duration.ofDays(1)).toString()))
                .post("/api/v1/overrides").then().log().ifValidationFails().statusCode(201).extract().path("id"));
    }

    public void rotation(String region, String layer, TestUser who) {
        String firstHandoff = clock.instant().minus(Duration.ofDays(2)).atZone(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES).toString();
        Map<String, Object> body = Map.of("participants", List.of(who.id()), "shiftLength", "P7D",
                "firstHandoff", firstHandoff);
        String existing = asAdmin().get("/api/v1/rotations").then().statusCode(200).extract()
                .path("items.find { it.region == '" + region + "' && it.layer == '" + layer + "' }.id");
        if (existing == null) {
            Map<String, Object> create = new HashMap<>(body);
            create.put("region", region);
            create.put("layer", layer);
            asAdmin().body(create).post("/api/v1/rotations").then().log().ifValidationFails().statusCode(201);
        } else {
            asAdmin().body(body).put("/api/v1/rotations/" + existing).then().log().ifValidationFails().statusCode(200);
        }
    }

    /** Sets the three regions' windows in UTC, as whole hours of the test clock's day (wrapping). */
    public void windows(int emeaStart, int emeaEnd, int apacStart, int apacEnd, int amerStart, int amerEnd) {
        window("EMEA", emeaStart, emeaEnd);
        window("APAC", apacStart, apacEnd);
        window("AMER", amerStart, amerEnd);
    }

    private void window(String region, int start, int end) {
        Map<String, Object> current = region(region);
        Map<String, Object> body = new HashMap<>();
        body.put("timeZone", "Etc/UTC");
        body.put("coverageStart", String.format("%02d:00", Math.floorMod(start, 24)));
        body.put("coverageEnd", String.format("%02d:00", Math.floorMod(end, 24)));
        Object currentManager = current.get("manager");
        body.put("managerId", currentManager == null ? null : ((Map<?, ?>) currentManager).get("id"));
        asAdmin().body(body).put("/api/v1/regions/" + region).then().log().ifValidationFails().statusCode(200);
    }

    private static Map<String, Object> region(String code) {
        return asAdmin().get("/api/v1/regions/" + code).then().statusCode(200).extract().path("");
    }

    public int hourNow() {
        return clock.instant().atZone(ZoneOffset.UTC).getHour();
    }
}
