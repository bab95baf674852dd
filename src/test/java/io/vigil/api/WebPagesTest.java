package io.vigil.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import io.vigil.web.WebSession;
import org.junit.jupiter.api.Test;

/** The web pages over HTTP: signing in, the cookie's flags, pages behind the session, signing out. */
@QuarkusTest
class WebPagesTest {

    @Test
    void withoutASessionPagesSendTheBrowserToSignIn() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", containsString("/login?next=%2F"));
        given().redirects().follow(false).cookie("vigil_session", "not-a-token").get("/incidents/x").then()
                .statusCode(303).header("Location", containsString("/login?next="));
        given().get("/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("name=\"token\""));
    }

    @Test
    void signingInSetsAStrictHttpOnlySecureCookieAndSigningOutClearsIt() {
        TestUser commander = Api.user("COMMANDER");
        Response signedIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", commander.token()).formParam("next", "/reports").post("/login");
        signedIn.then().statusCode(303).header("Location", containsString("/reports"));
        String setCookie = signedIn.getHeader("Set-Cookie");
        assertThat(setCookie).contains("vigil_session=" + commander.token()).contains("HttpOnly").contains("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/");

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", "wrong").post("/login").then().statusCode(401)
                .body(containsString("unknown, revoked"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", commander.token()).formParam("next", "//evil.example.org/").post("/login")
                .then().statusCode(303).header("Location", equalTo("http://localhost:" + io.restassured.RestAssured.port + "/"));

        // signing out needs the form's token
        given().redirects().follow(false).cookie("vigil_session", commander.token())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", "forged").post("/logout")
                .then().statusCode(403);
        Response out = given().redirects().follow(false).cookie("vigil_session", commander.token())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", WebSession.csrf(commander.token()))
                .post("/logout");
        out.then().statusCode(303);
        assertThat(out.getHeader("Set-Cookie")).contains("vigil_session=").contains("Max-Age=0");
    }

    @Test
    void reportsShowTheKpisAndThreeChartsAndAPostmortemShowsItsReport() {
        TestUser commander = Api.user("COMMANDER");
        String incident = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV3");
        String postmortem = commander.request().post("/api/v1/incidents/" + incident + "/postmortem").then()
                .statusCode(201).extract().path("id");
        TestUser leader = Api.user("LEADERSHIP");
        String reports = given().cookie("vigil_session", leader.token()).get("/reports").then().statusCode(200)
                .extract().asString();
        assertThat(reports).contains("data-kpi=\"incidents\"", "data-kpi=\"mtta\"", "id=\"chart-incidents\"",
                "id=\"chart-trend\"", "<svg", "Incidents per week by severity", "MTTA and MTTR per week");
        given().cookie("vigil_session", leader.token()).queryParam("weeks", "99").get("/reports").then()
                .statusCode(400);
        String page = given().cookie("vigil_session", leader.token()).get("/postmortems/" + postmortem).then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("Post-incident report: INC-", "<h2>Impact</h2>", "<h2>Timeline</h2>",
                "format=md");
    }

    @Test
    void theDashboardAndAnIncidentPageShowWhatTheApiShows() {
        TestUser commander = Api.user("COMMANDER");
        String incident = Api.declare(commander.request(), "ABUSE_HARASSMENT", "SEV2");
        String reference = Api.asAdmin().get("/api/v1/incidents/" + incident).then().extract().path("reference");
        String dashboard = given().cookie("vigil_session", commander.token()).get("/").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(dashboard).contains("Open incidents", reference, "Who holds the pager", "active region",
                "name=\"csrf\" value=\"" + WebSession.csrf(commander.token()) + "\"");
        String page = given().cookie("vigil_session", commander.token()).get("/incidents/" + incident).then()
                .statusCode(200).extract().asString();
        assertThat(page).contains(reference, "Timeline", "DECLARED", "Pages", "http-equiv=\"refresh\"");

        // a restricted incident is not there for someone who may not see it
        String restricted = Api.declare(commander.request(), "CHILD_SAFETY", "SEV3");
        TestUser leader = Api.user("LEADERSHIP");
        given().cookie("vigil_session", leader.token()).get("/incidents/" + restricted).then().statusCode(404);
        String theirs = given().cookie("vigil_session", leader.token()).get("/").then().statusCode(200).extract()
                .asString();
        assertThat(theirs).doesNotContain(restricted);
    }
}
