package io.vigil.incident;

import static io.vigil.incident.IncidentStatus.CANCELLED;
import static io.vigil.incident.IncidentStatus.CLOSED;
import static io.vigil.incident.IncidentStatus.DECLARED;
import static io.vigil.incident.IncidentStatus.INVESTIGATING;
import static io.vigil.incident.IncidentStatus.MITIGATED;
import static io.vigil.incident.IncidentStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair of the incident state machine, against the table of spec §2. */
class IncidentLifecycleTest {

    /** The legal moves, written out independently of the implementation. */
    private static final Set<List<IncidentStatus>> LEGAL = Set.of(
            List.of(DECLARED, INVESTIGATING),
            List.of(INVESTIGATING, MITIGATED),
            List.of(MITIGATED, RESOLVED),
            List.of(RESOLVED, CLOSED),
            List.of(MITIGATED, INVESTIGATING),
            List.of(RESOLVED, INVESTIGATING),
            List.of(DECLARED, CANCELLED),
            List.of(INVESTIGATING, CANCELLED),
            List.of(MITIGATED, CANCELLED),
            List.of(RESOLVED, CANCELLED));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.contains(List.of(from, to))));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal={2}")
    @MethodSource("everyPair")
    void everyPairIsDecidedAsTheSpecSays(IncidentStatus from, IncidentStatus to, boolean legal) {
        assertThat(IncidentLifecycle.isAllowed(from, to)).isEqualTo(legal);
        if (legal) {
            assertThatNoException().isThrownBy(() -> IncidentLifecycle.check(from, to, "because", false, false));
            assertThat(IncidentLifecycle.allowedFrom(from)).contains(to);
        } else {
            assertThatThrownBy(() -> IncidentLifecycle.check(from, to, "because", false, false))
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> {
                        ConflictException conflict = (ConflictException) e;
                        assertThat(conflict.extensions()).containsEntry("currentStatus", from);
                        assertThat(conflict.extensions().get("allowed")).isEqualTo(IncidentLifecycle.allowedFrom(from));
                    });
            assertThat(IncidentLifecycle.allowedFrom(from)).doesNotContain(to);
        }
    }

    @Test
    void allowedMovesAreNamedInTheConflictMessage() {
        assertThatThrownBy(() -> IncidentLifecycle.check(DECLARED, RESOLVED, null, false, false))
                .hasMessageContaining("DECLARED").hasMessageContaining("RESOLVED")
                .hasMessageContaining("[INVESTIGATING, CANCELLED]");
        assertThatThrownBy(() -> IncidentLifecycle.check(CLOSED, INVESTIGATING, null, false, false))
                .hasMessageContaining("CLOSED is final");
    }

    @Test
    void terminalStatesHaveNoMoves() {
        assertThat(IncidentLifecycle.allowedFrom(CLOSED)).isEmpty();
        assertThat(IncidentLifecycle.allowedFrom(CANCELLED)).isEmpty();
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentLifecycle::isTerminal))
                .containsExactlyInAnyOrder(CLOSED, CANCELLED);
    }

    @Test
    void cancellingNeedsAReason() {
        for (String reason : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> IncidentLifecycle.check(INVESTIGATING, CANCELLED, reason, false, false))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).errors().get(0).field()).isEqualTo("reason"));
        }
        assertThatNoException().isThrownBy(() -> IncidentLifecycle.check(INVESTIGATING, CANCELLED, "false alarm", false, false));
    }

    @Test
    void otherMovesDoNotNeedAReason() {
        assertThatNoException().isThrownBy(() -> IncidentLifecycle.check(DECLARED, INVESTIGATING, null, false, false));
    }

    @Test
    void closingNeedsAPublishedPostmortemOnlyWhenRequired() {
        assertThatThrownBy(() -> IncidentLifecycle.check(RESOLVED, CLOSED, null, true, false))
                .isInstanceOf(ConflictException.class).hasMessageContaining("post-mortem");
        assertThatNoException().isThrownBy(() -> IncidentLifecycle.check(RESOLVED, CLOSED, null, true, true));
        assertThatNoException().isThrownBy(() -> IncidentLifecycle.check(RESOLVED, CLOSED, null, false, false));
    }

    @Test
    void activeStatusesAreThoseThatStillNeedPeople() {
        assertThat(EnumSet.allOf(IncidentStatus.class).stream().filter(IncidentLifecycle::isActive))
                .containsExactly(DECLARED, INVESTIGATING, MITIGATED);
    }

    @Test
    void timestampsFollowTheLatestEntryIntoEachState() {
        Instant t0 = Instant.parse("2026-07-01T07:30:00Z");
        Incident incident = new Incident();
        incident.status = DECLARED;
        incident.moveTo(INVESTIGATING, null, t0.plusSeconds(60));
        incident.moveTo(MITIGATED, null, t0.plusSeconds(120));
        assertThat(incident.mitigatedAt).isEqualTo(t0.plusSeconds(120));
        incident.moveTo(RESOLVED, null, t0.plusSeconds(180));
        assertThat(incident.resolvedAt).isEqualTo(t0.plusSeconds(180));

        incident.moveTo(INVESTIGATING, "it came back", t0.plusSeconds(240));
        assertThat(incident.mitigatedAt).isNull();
        assertThat(incident.resolvedAt).isNull();
        assertThat(incident.updatedAt).isEqualTo(t0.plusSeconds(240));

        incident.moveTo(CANCELLED, "  duplicate of INC-7  ", t0.plusSeconds(300));
        assertThat(incident.status).isEqualTo(CANCELLED);
        assertThat(incident.cancelledAt).isEqualTo(t0.plusSeconds(300));
        assertThat(incident.cancelReason).isEqualTo("duplicate of INC-7");
    }
}
