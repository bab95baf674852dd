package io.vigil.incident;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;

/**
 * What other capabilities do when an incident changes — paging starts and stops pages, outbound
 * channels announce the change. Implementations are called inside the change's own transaction, in
 * {@link #order()}, so the reaction commits (or rolls back) with the change. A {@code reason} is the
 * stripped text the actor gave, or null. The incident package
 * knows nothing of them.
 */
public interface IncidentChanges {

    /** Lower runs first. */
    default int order() {
        return 100;
    }

    default Uni<Void> declared(Incident incident, Caller actor) {
        return Uni.createFrom().voidItem();
    }

    default Uni<Void> statusChanged(Incident incident, IncidentStatus from, String reason, Caller actor) {
        return Uni.createFrom().voidItem();
    }

    default Uni<Void> severityChanged(Incident incident, Severity from, String reason, Caller actor) {
        return Uni.createFrom().voidItem();
    }

    default Uni<Void> commanderChanged(Incident incident, Caller actor) {
        return Uni.createFrom().voidItem();
    }
}
