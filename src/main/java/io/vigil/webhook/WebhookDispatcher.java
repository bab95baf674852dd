package io.vigil.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.persistence.DatabaseOutage;
import io.vigil.notification.DeliveryOutcomes;
import io.vigil.notification.OutboxPump;
import io.vigil.notification.OutboxWakeups;
import io.vigil.notification.RetryPolicy;
import io.vigil.notification.DeliveryOutcomes.Trouble;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends stored webhook deliveries. Every instance runs one: it wakes on the commit-time
 * {@code NOTIFY} of new deliveries and on a short poll (retries, missed wake-ups), claims due rows
 * with {@code FOR UPDATE SKIP LOCKED} and a lease — so two instances never send the same row at the
 * same time — and records each outcome. A crash mid-send leaves the lease to expire and another
 * instance sends again, with the same event id: receivers see a duplicate id, never a lost event.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    OutboxWakeups wakeups;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "oncall.webhook.timeout", defaultValue = "PT10S")
    Duration timeout;

    @ConfigProperty(name = "oncall.webhook.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    @ConfigProperty(name = "oncall.webhook.max-in-flight", defaultValue = "32")
    int maxInFlight;

    @ConfigProperty(name = "oncall.webhook.retry-first", defaultValue = "PT1S")
    Duration retryFirst;

    @ConfigProperty(name = "oncall.webhook.retry-cap", defaultValue = "PT30S")
    Duration retryCap;

    @ConfigProperty(name = "oncall.delivery.delayed-after", defaultValue = "PT2M")
    Duration delayedAfter;

    @ConfigProperty(name = "oncall.webhook.give-up-after", defaultValue = "PT24H")
    Duration giveUpAfter;

    private RetryPolicy retry;
    private HttpClient http;
    private ExecutorService workers;
    private OutboxPump pump;
    private final AtomicInteger sending = new AtomicInteger();
    private volatile Instant nextCleanup = Instant.MIN;
    private Counter delivered;
    private Counter failed;
    private Timer latency;

    void start(@Observes StartupEvent event) {
        retry = new RetryPolicy(retryFirst, retryCap, delayedAfter, giveUpAfter);
        workers = Executors.newFixedThreadPool(4, OutboxPump.threads("vigil-webhook"));
        http = HttpClient.newBuilder().connectTimeout(timeout).executor(workers).build();
        pump = new OutboxPump("webhook dispatch", workers, pollInterval, maxInFlight, this::claimAndSend);
        delivered = metrics.counter("vigil.webhook.deliveries", "outcome", "delivered");
        failed = metrics.counter("vigil.webhook.deliveries", "outcome", "failed_attempt");
        latency = Timer.builder("vigil.webhook.send").publishPercentiles(0.5, 0.99).register(metrics);
        metrics.gauge("vigil.webhook.in_flight", sending);
        wakeups.listen(WebhookChannel.WAKE_UP_CHANNEL, pump::wake);
    }

    void stop(@Observes ShutdownEvent event) {
        // Sends under way may finish; anything unfinished keeps its lease and is sent by another instance.
        pump.stop(timeout.plusSeconds(1));
    }

    /** Looks for due deliveries now. */
    public void wake() {
        pump.wake();
    }

    /** Whether nothing is being claimed or sent by this instance right now. */
    public boolean idle() {
        return !pump.passing() && sending.get() == 0;
    }

    private int claimAndSend(int limit) {
        List<Claimed> batch = claim(limit);
        for (Claimed delivery : batch) {
            send(delivery);
        }
        return batch.size();
    }

    private List<Claimed> claim(int limit) {
        Instant now = clock.instant();
        if (now.isAfter(nextCleanup)) {
            // an event enqueued while its subscription was being deleted: nobody wants it any more
            nextCleanup = now.plusSeconds(60);
            pool.query("update webhook_delivery set status = 'CANCELLED', lease_until = null where status = 'PENDING' "
                    + "and subscription_id in (select id from webhook_subscription where deleted_at is not null)")
                    .execute().await().atMost(Duration.ofSeconds(30));
        }
        List<Claimed> claimed = new ArrayList<>();
        pool.preparedQuery("""
                update webhook_delivery d set lease_until = $1, attempts = d.attempts + 1
                from webhook_subscription s
                where d.id in (select id from webhook_delivery
                               where status = 'PENDING' and next_attempt_at <= $2
                                 and (lease_until is null or lease_until <= $2)
                                 and subscription_id in (select id from webhook_subscription where deleted_at is null)
                               order by next_attempt_at limit $3 for update skip locked)
                  and s.id = d.subscription_id
                returning d.id, d.event_id, d.event_type, d.body, d.attempts, d.created_at, d.notification_id,
                          d.failure_reported, d.delay_reported, s.url, s.secret""")
                .execute(Tuple.of(utc(now.plus(timeout).plusSeconds(20)), utc(now), limit))
                .await().atMost(Duration.ofSeconds(30))
                .forEach(row -> claimed.add(Claimed.of(row)));
        return claimed;
    }

    private void send(Claimed delivery) {
        sending.incrementAndGet();
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Vigil-Webhooks/1")
                    .header(WebhookSignature.HEADER_EVENT, delivery.eventType())
                    .header(WebhookSignature.HEADER_EVENT_ID, delivery.eventId().toString())
                    .header(WebhookSignature.HEADER_TIMESTAMP, Long.toString(timestamp))
                    .header(WebhookSignature.HEADER_SIGNATURE, WebhookSignature.sign(delivery.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (RuntimeException e) {
            finish(delivery, null, e);
            return;
        }
        long started = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenCompleteAsync((response, error) -> {
                    latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    finish(delivery, response, error);
                }, workers);
    }

    private void finish(Claimed delivery, HttpResponse<Void> response, Throwable error) {
        try {
            if (error == null && response.statusCode() / 100 == 2) {
                succeeded(delivery);
            } else {
                String why = error != null ? describe(error) : "HTTP " + response.statusCode();
                failedAttempt(delivery, why);
            }
        } catch (RuntimeException e) {
            DatabaseOutage.log(LOG, Logger.Level.WARN, e,
                    "could not record the outcome of webhook delivery %s; its lease expires and it is retried",
                    delivery.id());
        } finally {
            sending.decrementAndGet();
            pump.done();
        }
    }

    /** The delivery's row and, when it was the last one, its notification change in one transaction. */
    private void succeeded(Claimed delivery) {
        Instant now = clock.instant();
        delivered.increment();
        inTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "update webhook_delivery set status = 'DELIVERED', delivered_at = :at, lease_until = null, "
                                        + "last_error = null where id = :id and status = 'PENDING'")
                        .setParameter("id", delivery.id()).setParameter("at", utc(now)).executeUpdate()
                        .flatMap(updated -> delivery.notificationId() == null ? Uni.createFrom().voidItem()
                                : session.createNativeQuery("select count(*) from webhook_delivery "
                                                + "where notification_id = :n and status = 'PENDING'", Long.class)
                                        .setParameter("n", delivery.notificationId()).getSingleResult()
                                        .flatMap(open -> open == 0 ? outcomes.delivered(delivery.notificationId(), now)
                                                : Uni.createFrom().voidItem()))));
    }

    /** The retry schedule and what the timeline must say change in one transaction. */
    private void failedAttempt(Claimed delivery, String why) {
        failed.increment();
        Instant now = clock.instant();
        boolean giveUp = retry.givesUp(delivery.createdAt(), now);
        boolean delayed = !delivery.delayReported() && retry.isDelayed(delivery.createdAt(), now);
        boolean first = !delivery.failureReported();
        Instant next = now.plus(retry.delayAfter(delivery.attempts()));
        String error = why.length() > 500 ? why.substring(0, 500) : why;
        LOG.warnf("webhook delivery %s of %s (event %s) to %s failed on attempt %d: %s%s", delivery.id(),
                delivery.eventType(), delivery.eventId(), delivery.url(), delivery.attempts(), error,
                giveUp ? "; giving up" : "; next attempt at " + next);
        Trouble trouble = giveUp ? Trouble.GAVE_UP : delayed ? Trouble.DELAYED : first ? Trouble.FAILING : null;
        String detail = "webhook to " + host(delivery.url()) + ": " + error;
        inTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "update webhook_delivery set status = :status, next_attempt_at = :next, lease_until = null, "
                                        + "last_error = :error, failure_reported = true, "
                                        + "delay_reported = delay_reported or :delayed where id = :id and status = 'PENDING'")
                        .setParameter("id", delivery.id()).setParameter("status", giveUp ? "FAILED" : "PENDING")
                        .setParameter("next", utc(next)).setParameter("error", error).setParameter("delayed", delayed)
                        .executeUpdate()
                        .flatMap(updated -> updated == 0 || delivery.notificationId() == null || trouble == null
                                ? Uni.createFrom().voidItem()
                                : outcomes.trouble(delivery.notificationId(), WebhookChannel.NAME, trouble, detail, now))));
    }

    private void inTransaction(java.util.function.Supplier<Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException("recording a delivery outcome failed", e);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String host(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A claimed delivery with what sending it needs. */
    private record Claimed(UUID id, UUID eventId, String eventType, String body, int attempts, Instant createdAt,
                           UUID notificationId, boolean failureReported, boolean delayReported, String url,
                           String secret) {
        static Claimed of(Row row) {
            return new Claimed(row.getUUID("id"), row.getUUID("event_id"), row.getString("event_type"),
                    row.getString("body"), row.getInteger("attempts"),
                    row.getOffsetDateTime("created_at").toInstant(), row.getUUID("notification_id"),
                    row.getBoolean("failure_reported"), row.getBoolean("delay_reported"), row.getString("url"),
                    row.getString("secret"));
        }
    }
}
