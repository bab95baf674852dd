package io.vigil.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a page stands on its ladder and what comes next, as pure decisions. A page notifies
 * level 0 of round 0 when triggered; if nobody acknowledges before the step's deadline it moves
 * to the next level, then to level 0 of the next round, until {@code repeat} extra rounds are
 * spent — then it is EXHAUSTED. The deadline of a step is counted from when that step was due,
 * not from when it actually ran, so a late scheduler does not stretch the whole ladder.
 */
public final class Escalation {

    /** One rung of one round; {@code deadline} is when the next step is due if nobody acknowledges. */
    public record Step(int level, int round, Instant dueAt, Instant deadline) {
    }

    private Escalation() {
    }

    /** The timeout that applies to a level: its own, else the severity's. */
    public static Duration timeoutOf(EscalationRules.Level level, Duration severityTimeout) {
        Duration timeout = level.ackTimeout() != null ? level.ackTimeout() : severityTimeout;
        if (timeout == null) {
            throw new IllegalArgumentException("no ack timeout: neither the level nor the severity defines one");
        }
        return timeout;
    }

    public static Step first(EscalationRules rules, Instant triggeredAt, Duration severityTimeout) {
        return step(rules, 0, 0, triggeredAt, severityTimeout);
    }

    /** The step after {@code current}, or empty when the ladder is exhausted. */
    public static Optional<Step> next(EscalationRules rules, Step current, Duration severityTimeout) {
        int level = current.level() + 1;
        int round = current.round();
        if (level == rules.levels().size()) {
            level = 0;
            round++;
        }
        if (round > rules.repeat()) {
            return Optional.empty();
        }
        return Optional.of(step(rules, level, round, current.deadline(), severityTimeout));
    }

    /** Steps a page that nobody acknowledged would have taken by {@code now}: for catching up after downtime. */
    public static Step dueAt(EscalationRules rules, Step current, Instant now, Duration severityTimeout) {
        Step step = current;
        while (!step.deadline().isAfter(now)) {
            Optional<Step> next = next(rules, step, severityTimeout);
            if (next.isEmpty()) {
                return step;
            }
            step = next.get();
        }
        return step;
    }

    private static Step step(EscalationRules rules, int level, int round, Instant dueAt, Duration severityTimeout) {
        return new Step(level, round, dueAt, dueAt.plus(timeoutOf(rules.levels().get(level), severityTimeout)));
    }
}
