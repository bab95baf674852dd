package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.support.AppProcess;
import io.vigil.support.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop (SIGTERM, as Kubernetes sends in a rolling update) of the packaged service while a
 * webhook send is under way: readiness goes DOWN first while the API still answers, then the send
 * under way is allowed to finish and is recorded as DELIVERED before the process exits, so nothing
 * is left for another instance to resend. The database is outside the instance (as in production),
 * so its rows can be read after the instance has gone.
 */
class GracefulShutdownIT {

    /** Longer than the shutdown delay (5 s), shorter than the webhook timeout (10 s): the send outlives the drain. */
    private static final Duration RECEIVER_HOLD = Duration.ofSeconds(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessGoesDownFirstAndSendsUnderWayFinishBeforeTheProcessExits() throws Exception {
        String secret = "graceful-" + UUID.randomUUID();
        Path logDir = Path.of("target", "graceful-shutdown-it");
        try (WebhookReceiver receiver = new WebhookReceiver(secret);
             SlowAckProxy proxy = new SlowAckProxy(receiver.url(), RECEIVER_HOLD);
             PagingCluster cluster = PagingCluster.start(PagingCluster.Options.defaults(logDir).withInstances(1))) {
            AppProcess app = cluster.app(0);
            PagingCluster.PagingSetup setup = cluster.setUpPaging("graceful", 1, Duration.ofHours(1), proxy.url(),
                    secret);
            UUID incident = cluster.declareAsync(0, setup.responderToken(), PagingCluster.sev1(setup.category(), 1))
                    .get();
            // The notification has reached the receiver; its answer is held, so the send is under way.
            receiver.await(r -> "page.triggered".equals(r.type()), 1, Duration.ofSeconds(20));
            assertThat(status(app, "/q/health/ready")).isEqualTo(200);
            assertThat(status(app, "/q/health/started")).as("the chart's startup probe").isEqualTo(200);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).as("the metrics docs/operations.md alerts on")
                    .contains("vigil_escalation_overdue ", "vigil_delivery_oldest_pending_seconds{channel=\"slack\"",
                            "vigil_delivery_oldest_pending_seconds{channel=\"webhook\"", "vigil_escalation_lateness_seconds");

            long signalled = System.nanoTime();
            app.signalStop();
            Thread.sleep(1_000);
            int readyDuringDrain = status(app, "/q/health/ready");
            int apiDuringDrain = status(app, "/api/v1/incidents/" + incident, cluster.adminToken());
            double drainCheckedAfter = (System.nanoTime() - signalled) / 1e9;

            OptionalInt exit = app.awaitExit(Duration.ofSeconds(45));
            double exitedAfter = (System.nanoTime() - signalled) / 1e9;
            String log = app.output();
            String deliveries = cluster.sql("select status || ' x' || count(*) from webhook_delivery "
                    + "where subscription_id = '" + setup.webhookId() + "' group by status order by 1");
            System.out.printf("[GracefulShutdownIT] after SIGTERM: ready %d and API %d at +%.1f s; exited with %s at "
                    + "+%.1f s; deliveries %s%n", readyDuringDrain, apiDuringDrain, drainCheckedAfter, exit,
                    exitedAfter, deliveries);

            assertThat(readyDuringDrain).as("readiness during the drain").isEqualTo(503);
            assertThat(apiDuringDrain).as("the API during the drain").isEqualTo(200);
            assertThat(exit).as("the process ended by itself\n" + app.tail()).isPresent();
            assertThat(exitedAfter).as("it waited for the send under way (held %s)", RECEIVER_HOLD)
                    .isGreaterThanOrEqualTo(RECEIVER_HOLD.toSeconds() - 1.5);
            assertThat(deliveries).as("every delivery finished and was recorded before the exit").doesNotContain("PENDING")
                    .contains("DELIVERED");
            assertThat(log).contains("readiness is DOWN").contains("Vigil is stopping work")
                    .doesNotContain("sends still under way");
            assertThat(log.indexOf("readiness is DOWN")).isLessThan(log.indexOf("Vigil is stopping work"));
            List<WebhookReceiver.Received> notified = receiver.received(r -> "page.triggered".equals(r.type()));
            assertThat(notified).as("the held send was not sent twice").hasSize(1);
        }
    }

    private int status(AppProcess app, String path) throws Exception {
        return status(app, path, null);
    }

    private int status(AppProcess app, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(3));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
