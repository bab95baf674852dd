package io.vigil.common.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The one source of "now" for the whole service. Services inject {@link Clock}; tests replace it
 * with a settable clock. Ticks in whole microseconds because PostgreSQL {@code timestamptz} keeps
 * microseconds: an instant written and read back compares equal.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
