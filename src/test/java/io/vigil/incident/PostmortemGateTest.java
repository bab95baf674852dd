package io.vigil.incident;

import static io.vigil.support.Problems.problemJson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Closing needs a published post-mortem when the severity requires one (SEV1/SEV2 by default),
 * judged by the most severe level the incident ever had.
 */
@QuarkusTest
class PostmortemGateTest {

    private TestUser commander;

    @org.junit.jupiter.api.BeforeEach
    void commander() {
        commander = Api.user("COMMANDER");
    }

    private String resolvedIncident(String severity) {
        String id = Api.declare(commander.request(), "ABUSE_HARASSMENT", severity);
        for (String status : new String[] {"INVESTIGATING", "MITIGATED", "RESOLVED"}) {
            Api.changeStatus(commander.request(), id, status).then().statusCode(200).body("status", equalTo(status));
        }
        return id;
    }

    @Test
    void aSev3ClosesWithoutAPostmortem() {
        String id = resolvedIncident("SEV3");
        Api.changeStatus(commander.request(), id, "CLOSED")
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("closedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aSev1CannotCloseWithoutAPublishedPostmortem() {
        String id = resolvedIncident("SEV1");
        problemJson(Api.changeStatus(commander.request(), id, "CLOSED"), 409)
                .body("detail", org.hamcrest.Matchers.containsString("post-mortem"))
                .body("allowed", not(hasItem("CLOSED")));
        commander.request().get("/api/v1/incidents/" + id).then().body("status", equalTo("RESOLVED"));
    }

    @Test
    void loweringTheSeverityDoesNotDodgeThePostmortem() {
        String id = resolvedIncident("SEV2");
        commander.request().body(Map.of("severity", "SEV4", "reason", "smaller than we thought"))
                .post("/api/v1/incidents/" + id + "/severity")
                .then().statusCode(200).body("severity", equalTo("SEV4")).body("peakSeverity", equalTo("SEV2"));
        problemJson(Api.changeStatus(commander.request(), id, "CLOSED"), 409);
    }
}
