package io.vigil.api;

import static io.restassured.RestAssured.given;
import static io.vigil.support.Api.asAdmin;
import static io.vigil.support.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The .ics feeds, parsed back by ical4j as a calendar app would, agree with GET /oncall for every
 * shift in the next four weeks. This class alone owns the APAC SECONDARY rotation.
 */
@QuarkusTest
class CalendarFeedTest {

    private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static TestUser kai;
    private static TestUser lea;
    private static String overrideStart;

    @BeforeEach
    void rotation() {
        synchronized (CalendarFeedTest.class) {
            if (kai != null) {
                return;
            }
            kai = Api.user("RESPONDER");
            lea = Api.user("RESPONDER");
            TestUser manager = Api.user("MANAGER");
            manager.request().body(Map.of("region", "APAC", "layer", "SECONDARY",
                            "participants", List.of(kai.id(), lea.id()), "shiftLength", "P1D",
                            "firstHandoff", "2026-11-01T09:00"))
                    .post("/api/v1/rotations").then().statusCode(201);
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(3));
            overrideStart = start.toString();
            manager.request().body(Map.of("region", "APAC", "layer", "SECONDARY", "userId", lea.id(),
                    "start", start.toString(), "end", start.plus(Duration.ofHours(2)).toString()))
                    .post("/api/v1/overrides").then().statusCode(201);
        }
    }

    private static String issue(TestUser user) {
        return user.request().post("/api/v1/users/" + user.id() + "/calendar-token").then().statusCode(201)
                .body("userFeedUrl", containsString("/api/v1/users/" + user.id() + "/oncall.ics?token="))
                .body("regionFeedUrls.APAC", containsString("/api/v1/regions/APAC/oncall.ics?token="))
                .extract().path("token");
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(Component event, String property) {
        return event.<Property>getProperty(property).orElseThrow().getValue();
    }

    @Test
    void theRegionFeedAgreesWithOnCallForEveryShiftInFourWeeks() throws Exception {
        String token = issue(kai);
        String ics = given().get("/api/v1/regions/APAC/oncall.ics?token=" + token).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        Calendar calendar = parse(ics);
        Instant now = Instant.now();
        Instant horizon = now.plus(Duration.ofDays(28));
        int checked = 0;
        boolean sawOverride = false;
        for (Component event : calendar.getComponents(Component.VEVENT)) {
            String summary = value(event, Property.SUMMARY);
            if (!summary.startsWith("APAC SECONDARY")) {
                continue;
            }
            Instant start = ICS_UTC.parse(value(event, Property.DTSTART), Instant::from);
            Instant end = ICS_UTC.parse(value(event, Property.DTEND), Instant::from);
            assertThat(value(event, Property.UID)).endsWith("@vigil");
            if (start.isBefore(now) || start.isAfter(horizon)) {
                continue;
            }
            for (Instant probe : List.of(start, start.plus(Duration.between(start, end).dividedBy(2)), end.minusSeconds(1))) {
                String handle = kai.request().get("/api/v1/oncall?at=" + probe).then().statusCode(200)
                        .extract().path("regions[0].secondary.handle");
                assertThat(summary).as("%s at %s", summary, probe).isEqualTo("APAC SECONDARY: @" + handle);
            }
            sawOverride |= start.toString().equals(overrideStart) && summary.endsWith(lea.handle());
            checked++;
        }
        assertThat(checked).as("daily shifts over four weeks, plus the override's pieces").isGreaterThanOrEqualTo(28);
        assertThat(sawOverride).as("the override appears as its own event").isTrue();
    }

    @Test
    void aUserFeedHoldsOnlyThatUsersShiftsAndOnlyTheirTokenOpensIt() throws Exception {
        String kaiToken = issue(kai);
        String ics = given().get("/api/v1/users/" + kai.id() + "/oncall.ics?token=" + kaiToken).then().statusCode(200)
                .extract().asString();
        List<Component> events = new java.util.ArrayList<>();
        for (Component event : parse(ics).getComponents(Component.VEVENT)) {
            events.add(event);
        }
        assertThat(events).isNotEmpty()
                .allSatisfy(e -> assertThat(value(e, Property.SUMMARY)).endsWith("@" + kai.handle()));
        problem(given().get("/api/v1/users/" + lea.id() + "/oncall.ics?token=" + kaiToken), 404);
    }

    @Test
    void feedTokensAreCheckedReplacedAndRevoked() {
        problem(given().get("/api/v1/regions/APAC/oncall.ics"), 401);
        problem(given().get("/api/v1/regions/APAC/oncall.ics?token=vgl_nope"), 401);
        String first = issue(lea);
        String second = issue(lea);
        problem(given().get("/api/v1/regions/APAC/oncall.ics?token=" + first), 401);
        given().get("/api/v1/regions/APAC/oncall.ics?token=" + second).then().statusCode(200);
        lea.request().delete("/api/v1/users/" + lea.id() + "/calendar-token").then().statusCode(204);
        problem(given().get("/api/v1/regions/APAC/oncall.ics?token=" + second), 401);
        problem(given().get("/api/v1/regions/MARS/oncall.ics?token=" + issue(lea)), 404);
    }

    @Test
    void onlyTheUserOrAnAdminIssuesTokens() {
        problem(kai.request().post("/api/v1/users/" + lea.id() + "/calendar-token"), 403);
        problem(kai.request().delete("/api/v1/users/" + lea.id() + "/calendar-token"), 403);
        asAdmin().post("/api/v1/users/" + lea.id() + "/calendar-token").then().statusCode(201);
        problem(asAdmin().post("/api/v1/users/" + UUID.randomUUID() + "/calendar-token"), 404);
        problem(given().post("/api/v1/users/" + kai.id() + "/calendar-token"), 401);
        problem(given().delete("/api/v1/users/" + kai.id() + "/calendar-token"), 401);
        problem(asAdmin().delete("/api/v1/users/" + UUID.randomUUID() + "/calendar-token"), 404);
        asAdmin().get("/api/v1/audit?entityType=calendar_token&entityId=" + lea.id()).then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.hasItem("calendar_token.issued"))
                .body(org.hamcrest.Matchers.not(containsString("tokenHash")));
    }
}
