package io.vigil.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How far behind paging is, read from the database so that every instance reports the same,
 * cluster-wide figures, and one alert rule catches a stall whatever its cause (engine, sender,
 * database, or every instance at once). Per-event metrics such as {@code vigil_escalation_lateness}
 * go silent when nothing fires at all; these do not:
 * <ul>
 *   <li>{@code vigil_escalation_overdue}: pages still TRIGGERED more than {@link #OVERDUE_AFTER}
 *       past their escalation deadline (the sweep fires anything 2 s overdue, so any value above 0
 *       for a minute means escalation has stopped);</li>
 *   <li>{@code vigil_delivery_oldest_pending_seconds{channel="webhook"|"slack"}}: the age of the
 *       oldest work not yet delivered (0 when none), which grows while a receiver or Slack is
 *       failing and retries go on.</li>
 * </ul>
 * Refreshed every {@link #REFRESH}; one indexed query.
 */
@ApplicationScoped
public class BacklogGauges {

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
    static final Duration OVERDUE_AFTER = Duration.ofSeconds(30);
    static final Duration REFRESH = Duration.ofSeconds(15);

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong oldestWebhook = new AtomicLong();
    private final AtomicLong oldestSlack = new AtomicLong();
    private ScheduledExecutorService refresher;

    /** One reading: overdue escalations, and the oldest undelivered work in whole seconds per channel. */
    public record Backlog(long overdueEscalations, long oldestWebhookSeconds, long oldestSlackSeconds) {
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("vigil.escalation.overdue", overdue, AtomicLong::get)
                .description("pages TRIGGERED more than 30 s past their escalation deadline, cluster-wide")
                .register(metrics);
        Gauge.builder("vigil.delivery.oldest_pending", oldestWebhook, AtomicLong::get).baseUnit("seconds")
                .tag("channel", "webhook").description("age of the oldest undelivered webhook delivery")
                .register(metrics);
        Gauge.builder("vigil.delivery.oldest_pending", oldestSlack, AtomicLong::get).baseUnit("seconds")
                .tag("channel", "slack").description("age of the oldest undone Slack work").register(metrics);
        refresher = Executors.newSingleThreadScheduledExecutor(OutboxPump.threads("vigil-backlog"));
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Reads the backlog now and publishes it; a failed read keeps the last values (readiness reports the database). */
    public Backlog refresh() {
        try {
            Backlog backlog = measure(clock.instant());
            overdue.set(backlog.overdueEscalations());
            oldestWebhook.set(backlog.oldestWebhookSeconds());
            oldestSlack.set(backlog.oldestSlackSeconds());
            return backlog;
        } catch (RuntimeException e) {
            LOG.warnf("could not read the paging backlog for the metrics: %s", e.toString());
            return null;
        }
    }

    /** The backlog as it stands at {@code at}. */
    public Backlog measure(Instant at) {
        Row row = pool.preparedQuery("""
                select (select count(*) from page where status = 'TRIGGERED' and next_escalation_at < $1) as overdue,
                       (select min(d.created_at) from webhook_delivery d
                        where d.status = 'PENDING' and d.subscription_id in
                              (select id from webhook_subscription where deleted_at is null)) as webhook,
                       (select min(created_at) from slack_outbox where status = 'PENDING') as slack""")
                .execute(Tuple.of(at.minus(OVERDUE_AFTER).atOffset(ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
        return new Backlog(row.getLong("overdue"), ageSeconds(row, "webhook", at), ageSeconds(row, "slack", at));
    }

    private static long ageSeconds(Row row, String column, Instant at) {
        java.time.OffsetDateTime oldest = row.getOffsetDateTime(column);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), at).toSeconds());
    }
}
