package io.vigil.notification;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentChanges;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Hands events to every notification channel, inside the caller's transaction. Incident changes are
 * announced here too ({@code incident.declared}, {@code incident.updated}), before paging reacts, so a
 * receiver sees an incident before its pages.
 */
@ApplicationScoped
public class Notifier implements IncidentChanges {

    @Inject
    @Any
    Instance<NotificationChannel> channels;

    @Inject
    Clock clock;

    public List<NotificationChannel> channels() {
        return channels.stream().toList();
    }

    /** Gives an announcement to every channel, one after the other (they share the session). */
    public Uni<Void> announce(String type, Incident incident, PageSummary page) {
        OutboundEvent event = new OutboundEvent(UUID.randomUUID(), type, clock.instant(), IncidentSummary.of(incident),
                page, null);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NotificationChannel channel : channels()) {
            chain = chain.flatMap(v -> channel.enqueue(event));
        }
        return chain;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Uni<Void> declared(Incident incident, Caller actor) {
        return announce(OutboundEvent.INCIDENT_DECLARED, incident, null);
    }

    @Override
    public Uni<Void> statusChanged(Incident incident, IncidentStatus from, String reason, Caller actor) {
        return announce(OutboundEvent.INCIDENT_UPDATED, incident, null);
    }

    @Override
    public Uni<Void> severityChanged(Incident incident, Severity from, String reason, Caller actor) {
        return announce(OutboundEvent.INCIDENT_UPDATED, incident, null);
    }

    @Override
    public Uni<Void> commanderChanged(Incident incident, Caller actor) {
        return announce(OutboundEvent.INCIDENT_UPDATED, incident, null);
    }
}
