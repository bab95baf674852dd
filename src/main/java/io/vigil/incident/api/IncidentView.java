package io.vigil.incident.api;

import io.vigil.common.security.UserRef;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentLifecycle;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An incident as the API shows it; {@code allowedTransitions} are the legal next statuses. */
public record IncidentView(UUID id, String reference, String title, String summary, String category,
                           Severity severity, Severity peakSeverity, Region region, IncidentStatus status, boolean restricted,
                           UserRef commander, UserRef declaredBy, Instant declaredAt, Instant acknowledgedAt,
                           Instant mitigatedAt, Instant resolvedAt, Instant closedAt, Instant cancelledAt,
                           String cancelReason, Instant updatedAt, List<IncidentStatus> allowedTransitions) {

    public static IncidentView of(Incident i, Map<UUID, UserRef> people) {
        return new IncidentView(i.id, i.reference(), i.title, i.summary, i.category, i.severity, i.peakSeverity, i.region, i.status,
                i.restricted, ref(i.commanderId, people), ref(i.declaredBy, people), i.declaredAt, i.acknowledgedAt,
                i.mitigatedAt, i.resolvedAt, i.closedAt, i.cancelledAt, i.cancelReason, i.updatedAt,
                IncidentLifecycle.allowedFrom(i.status));
    }

    static UserRef ref(UUID id, Map<UUID, UserRef> people) {
        if (id == null) return null;
        return people.getOrDefault(id, new UserRef(id, null, null));
    }
}
