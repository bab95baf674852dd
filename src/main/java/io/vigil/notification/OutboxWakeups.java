package io.vigil.notification;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One {@code LISTEN} connection per instance for every outbox: a channel enqueuing work sends
 * {@code NOTIFY <channel>} in its transaction, PostgreSQL delivers it at commit, and the matching
 * sender wakes at once instead of at its next poll. Losing the connection only costs latency: the
 * senders poll anyway, and the subscriber reconnects.
 */
@ApplicationScoped
public class OutboxWakeups {

    private static final Logger LOG = Logger.getLogger(OutboxWakeups.class);

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String databasePassword;

    private PgSubscriber subscriber;

    /** Runs {@code wake} whenever a transaction that sent {@code NOTIFY channel} commits. */
    public synchronized void listen(String channel, Runnable wake) {
        try {
            if (subscriber == null) {
                PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl.replaceFirst("^vertx-reactive:", ""));
                options.setUser(databaseUser);
                options.setPassword(databasePassword);
                subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
                subscriber.channel(channel).handler(payload -> wake.run());
                subscriber.connect().onFailure(e -> LOG.warnf("cannot listen for outbox wake-ups (%s); senders poll "
                        + "instead", e.getMessage()));
            } else {
                subscriber.channel(channel).handler(payload -> wake.run());
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot listen for outbox wake-ups on %s (%s); its sender polls instead", channel, e.getMessage());
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
