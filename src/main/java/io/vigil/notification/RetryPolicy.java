package io.vigil.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a failed delivery again, as pure decisions: waits double from {@code first} up to
 * {@code cap} (1 s, 2 s, 4 s … 30 s by default), so a receiver back after an outage gets everything
 * within one cap; a delivery still failing {@code giveUpAfter} after it was stored is abandoned, and
 * one undelivered for {@code delayedAfter} is reported as delayed on the incident timeline.
 */
public record RetryPolicy(Duration first, Duration cap, Duration delayedAfter, Duration giveUpAfter) {

    public RetryPolicy {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= cap");
        }
        if (delayedAfter.isNegative() || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("delayedAfter must be >= 0 and giveUpAfter > 0");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration delayAfter(int attempts) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public boolean givesUp(Instant storedAt, Instant now) {
        return !now.isBefore(storedAt.plus(giveUpAfter));
    }

    public boolean isDelayed(Instant storedAt, Instant now) {
        return !now.isBefore(storedAt.plus(delayedAfter));
    }
}
