package io.vigil.incident;

import static io.vigil.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vigil.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest {

    @Test
    void declareAndReadTimeline() {
        String id = Api.declare(asAdmin(), "MISINFORMATION", "SEV2");
        asAdmin().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("reference", startsWith("INC-")).body("status", equalTo("DECLARED"));
        asAdmin().get("/api/v1/incidents/" + id + "/timeline").then().log().ifValidationFails().statusCode(200)
                .body("items[0].type", equalTo("DECLARED"));
    }
}
