package io.vigil.common.lifecycle;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says in the log where a graceful stop is, so an operator reading a rolling update can tell a
 * drained instance from a crashed one: first "readiness DOWN, still serving", then "stopping work".
 */
@ApplicationScoped
class ShutdownNotice {

    private static final Logger LOG = Logger.getLogger(ShutdownNotice.class);

    @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "PT0S")
    Duration delay;

    void draining(@Observes ShutdownDelayInitiatedEvent event) {
        if (delay.isZero()) {
            LOG.info("Vigil is stopping: readiness is DOWN");
        } else {
            LOG.infof("Vigil is stopping: readiness is DOWN; requests are still served for %s while traffic moves "
                    + "to other instances", delay);
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        LOG.info("Vigil is stopping work: sends under way finish or stay leased for another instance; "
                + "escalation deadlines stay in the database for the other instances' sweep");
    }
}
