package io.vigil.incident;

import static io.vigil.incident.IncidentStatus.CANCELLED;
import static io.vigil.incident.IncidentStatus.CLOSED;
import static io.vigil.incident.IncidentStatus.DECLARED;
import static io.vigil.incident.IncidentStatus.INVESTIGATING;
import static io.vigil.incident.IncidentStatus.MITIGATED;
import static io.vigil.incident.IncidentStatus.RESOLVED;

import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.ValidationException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incident state machine (spec §2), as pure decisions:
 * <pre>
 * DECLARED → INVESTIGATING → MITIGATED → RESOLVED → CLOSED
 *                 ↑_____________|            |
 *                 ↑__________________________|      (regression / reopen)
 * any of DECLARED, INVESTIGATING, MITIGATED, RESOLVED → CANCELLED (false alarm; reason required)
 * </pre>
 * CLOSED and CANCELLED are terminal. Closing needs a published post-mortem when the severity's
 * policy requires one.
 */
public final class IncidentLifecycle {

    private static final Map<IncidentStatus, Set<IncidentStatus>> MOVES = new EnumMap<>(IncidentStatus.class);

    static {
        MOVES.put(DECLARED, EnumSet.of(INVESTIGATING, CANCELLED));
        MOVES.put(INVESTIGATING, EnumSet.of(MITIGATED, CANCELLED));
        MOVES.put(MITIGATED, EnumSet.of(RESOLVED, INVESTIGATING, CANCELLED));
        MOVES.put(RESOLVED, EnumSet.of(CLOSED, INVESTIGATING, CANCELLED));
        MOVES.put(CLOSED, EnumSet.noneOf(IncidentStatus.class));
        MOVES.put(CANCELLED, EnumSet.noneOf(IncidentStatus.class));
    }

    private IncidentLifecycle() {
    }

    /** The statuses reachable in one move from {@code from}, in lifecycle order. */
    public static List<IncidentStatus> allowedFrom(IncidentStatus from) {
        return List.copyOf(MOVES.get(from));
    }

    public static boolean isAllowed(IncidentStatus from, IncidentStatus to) {
        return MOVES.get(from).contains(to);
    }

    /** No further status change, severity change or commander change is possible. */
    public static boolean isTerminal(IncidentStatus status) {
        return status == CLOSED || status == CANCELLED;
    }

    /** Still needs people: pages may run. RESOLVED, CLOSED and CANCELLED stop pages. */
    public static boolean isActive(IncidentStatus status) {
        return status == DECLARED || status == INVESTIGATING || status == MITIGATED;
    }

    /**
     * Checks a requested move and throws the reason it is refused.
     *
     * @param postmortemRequired  the severity policy demands a post-mortem before closing
     * @param postmortemPublished the incident has a published post-mortem
     */
    public static void check(IncidentStatus from, IncidentStatus to, String reason,
                             boolean postmortemRequired, boolean postmortemPublished) {
        if (!isAllowed(from, to)) {
            List<IncidentStatus> allowed = allowedFrom(from);
            throw (ConflictException) new ConflictException("cannot move an incident from " + from + " to " + to
                    + (allowed.isEmpty() ? "; " + from + " is final" : "; allowed moves: " + allowed))
                    .with("currentStatus", from).with("allowed", allowed);
        }
        if (to == CANCELLED && (reason == null || reason.isBlank())) {
            throw ValidationException.of("reason", "is required when cancelling (say why it was a false alarm)");
        }
        if (to == CLOSED && postmortemRequired && !postmortemPublished) {
            List<IncidentStatus> allowed = allowedFrom(from).stream().filter(s -> s != CLOSED).toList();
            throw (ConflictException) new ConflictException("this incident's severity requires a published post-mortem "
                    + "before it can be closed").with("currentStatus", from).with("allowed", allowed);
        }
    }
}
