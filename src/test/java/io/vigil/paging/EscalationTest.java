package io.vigil.paging;

import static io.vigil.paging.EscalationTarget.Type.ACTIVE_PRIMARY;
import static io.vigil.paging.EscalationTarget.Type.DUTY_LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.paging.Escalation.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final Instant T0 = Instant.parse("2026-07-15T07:30:00Z");
    private static final Duration SEV1 = Duration.ofMinutes(5);

    @Test
    void theDefaultLadderClimbsFourLevelsAtTheSeverityTimeoutThenIsExhausted() {
        EscalationRules rules = EscalationRules.defaults();
        List<Step> steps = new ArrayList<>();
        Optional<Step> step = Optional.of(Escalation.first(rules, T0, SEV1));
        while (step.isPresent()) {
            steps.add(step.get());
            step = Escalation.next(rules, step.get(), SEV1);
        }
        assertThat(steps).extracting(Step::level).containsExactly(0, 1, 2, 3);
        assertThat(steps).extracting(Step::round).containsOnly(0);
        assertThat(steps).extracting(Step::dueAt).containsExactly(T0, T0.plus(SEV1), T0.plus(SEV1.multipliedBy(2)),
                T0.plus(SEV1.multipliedBy(3)));
        assertThat(steps.get(3).deadline()).isEqualTo(T0.plus(SEV1.multipliedBy(4)));
    }

    @Test
    void repeatsRunTheLadderAgainAndALevelsOwnTimeoutWins() {
        EscalationRules rules = new EscalationRules(List.of(
                new EscalationRules.Level(List.of(EscalationTarget.of(ACTIVE_PRIMARY)), Duration.ofSeconds(30)),
                new EscalationRules.Level(List.of(EscalationTarget.of(DUTY_LEAD)), null)), 2);
        List<String> path = new ArrayList<>();
        Optional<Step> step = Optional.of(Escalation.first(rules, T0, SEV1));
        Instant last = null;
        while (step.isPresent()) {
            path.add(step.get().round() + "/" + step.get().level());
            last = step.get().deadline();
            step = Escalation.next(rules, step.get(), SEV1);
        }
        assertThat(path).containsExactly("0/0", "0/1", "1/0", "1/1", "2/0", "2/1");
        assertThat(last).isEqualTo(T0.plus(Duration.ofSeconds(30 * 3)).plus(SEV1.multipliedBy(3)));
    }

    @Test
    void deadlinesCountFromWhenAStepWasDueNotWhenItRan() {
        EscalationRules rules = EscalationRules.defaults();
        Step first = Escalation.first(rules, T0, SEV1);
        Step caughtUp = Escalation.dueAt(rules, first, T0.plus(Duration.ofMinutes(12)), SEV1);
        assertThat(caughtUp.level()).isEqualTo(2);
        assertThat(caughtUp.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        Step end = Escalation.dueAt(rules, first, T0.plus(Duration.ofHours(1)), SEV1);
        assertThat(end.level()).isEqualTo(3);
        assertThat(Escalation.next(rules, end, SEV1)).isEmpty();
    }

    @Test
    void withoutAnyTimeoutThereIsNoLadder() {
        assertThatThrownBy(() -> Escalation.first(EscalationRules.defaults(), T0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
