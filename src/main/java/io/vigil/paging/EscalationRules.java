package io.vigil.paging;

import java.time.Duration;
import java.util.List;

/**
 * The shape of an escalation policy: ordered levels and how many times the whole ladder is
 * repeated after the first pass. A level's own {@code ackTimeout} wins over the severity's.
 */
public record EscalationRules(List<Level> levels, int repeat) {

    /** One rung: whom to notify, and how long to wait for an acknowledgement (null: the severity's). */
    public record Level(List<EscalationTarget> targets, Duration ackTimeout) {
        public Level {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a level needs at least one target");
            }
        }
    }

    public EscalationRules {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one level");
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat cannot be negative");
        }
    }

    /** The spec's default ladder: active PRIMARY → active SECONDARY → region manager → duty lead. */
    public static EscalationRules defaults() {
        return new EscalationRules(List.of(
                new Level(List.of(EscalationTarget.of(EscalationTarget.Type.ACTIVE_PRIMARY)), null),
                new Level(List.of(EscalationTarget.of(EscalationTarget.Type.ACTIVE_SECONDARY)), null),
                new Level(List.of(EscalationTarget.of(EscalationTarget.Type.REGION_MANAGER)), null),
                new Level(List.of(EscalationTarget.of(EscalationTarget.Type.DUTY_LEAD)), null)), 0);
    }
}
