package io.vigil.slack;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Decides whether a request really comes from Slack: a valid v0 signature over the raw body within the
 * window either side of now ({@link SlackSignature}), never seen before. Accepted signatures are kept
 * in PostgreSQL for the window, so a replay is refused by whichever instance it reaches.
 */
@ApplicationScoped
public class SlackRequestVerifier {

    private static final Logger LOG = Logger.getLogger(SlackRequestVerifier.class);

    @Inject
    SlackSettings settings;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private volatile Instant nextPurge = Instant.MIN;

    public Uni<Boolean> verify(String timestamp, String signature, byte[] body) {
        Instant now = clock.instant();
        SlackSignature.Verdict verdict = SlackSignature.verify(settings.signingSecret().orElse(null), timestamp,
                signature, body, now, settings.requestWindow());
        if (verdict != SlackSignature.Verdict.VALID) {
            return refused(verdict.name());
        }
        Uni<Void> purge = Uni.createFrom().voidItem();
        if (now.isAfter(nextPurge)) {
            nextPurge = now.plusSeconds(60);
            purge = pool.preparedQuery("delete from slack_request where seen_at < $1")
                    .execute(Tuple.of(now.minus(settings.requestWindow().multipliedBy(2)).atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid();
        }
        return purge.flatMap(v -> pool.preparedQuery("insert into slack_request (request_ts, signature, seen_at) "
                        + "values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(Long.parseLong(timestamp.trim()), signature.trim(), now.atOffset(ZoneOffset.UTC))))
                .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(true) : refused("REPLAY"));
    }

    private Uni<Boolean> refused(String why) {
        metrics.counter("vigil.slack.requests_refused", "reason", why).increment();
        LOG.warnf("refused a request claiming to come from Slack: %s", why);
        return Uni.createFrom().item(false);
    }
}
