package io.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.support.Api;
import io.vigil.support.Api.TestUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 50 declarations at once: 50 distinct INC-<n> references and 50 timelines that each start with DECLARED. */
@QuarkusTest
class ConcurrentDeclarationTest {

    private static final int COUNT = 50;

    @Test
    void fiftyConcurrentDeclarationsGetDistinctReferencesAndTimelines() throws Exception {
        TestUser responder = Api.user("RESPONDER");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(COUNT);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                Callable<Response> declare = () -> {
                    start.await();
                    return responder.request().body(Api.declaration("PLATFORM_INTEGRITY", "SEV3", "AMER"))
                            .post("/api/v1/incidents");
                };
                futures.add(pool.submit(declare));
            }
            start.countDown();

            Set<String> ids = new HashSet<>();
            Set<String> references = new HashSet<>();
            for (Future<Response> future : futures) {
                Response response = future.get(120, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(201);
                ids.add(response.path("id"));
                references.add(response.path("reference"));
            }
            assertThat(ids).hasSize(COUNT);
            assertThat(references).hasSize(COUNT).allMatch(r -> r.matches("INC-\\d+"));

            for (String id : ids) {
                List<String> types = responder.request().get("/api/v1/incidents/" + id + "/timeline")
                        .then().statusCode(200).extract().path("items.type");
                assertThat(types).first().isEqualTo("DECLARED"); // then its page
                assertThat(types).containsOnlyOnce("DECLARED");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
