package io.vigil.slack;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentChanges;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One Slack channel per incident of a channel severity (SEV1/SEV2 by default; also when an incident is
 * raised into one): created private for restricted incidents, with whoever declared it and the commander invited, the summary
 * posted, and every status, severity and commander change posted as it happens. Runs before paging
 * (order 20 &lt; 50), so the channel exists in the outbox before the first page is posted into it.
 */
@ApplicationScoped
public class SlackIncidentChannels implements IncidentChanges {

    @Inject
    SlackSettings settings;

    @Inject
    SlackOutbox outbox;

    @Inject
    SlackFacts facts;

    @Inject
    UserRepository users;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Uni<Void> declared(Incident incident, Caller actor) {
        return openIfDue(incident);
    }

    @Override
    public Uni<Void> statusChanged(Incident incident, IncidentStatus from, String reason, Caller actor) {
        return post(incident, actor, (f, who) -> SlackMessages.statusChanged(f, from.name(), reason, who));
    }

    @Override
    public Uni<Void> severityChanged(Incident incident, Severity from, String reason, Caller actor) {
        return post(incident, actor, (f, who) -> SlackMessages.severityChanged(f, from.name(), reason, who))
                .flatMap(v -> openIfDue(incident));
    }

    @Override
    public Uni<Void> commanderChanged(Incident incident, Caller actor) {
        return post(incident, actor, SlackMessages::commanderChanged).flatMap(v -> inviteCommander(incident));
    }

    private Uni<Void> openIfDue(Incident incident) {
        if (!settings.enabled() || !settings.channelSeverities().contains(incident.severity)) {
            return Uni.createFrom().voidItem();
        }
        String name = ChannelName.of(incident.number, incident.title, incident.restricted);
        return outbox.createChannel(incident.id, name, incident.restricted).flatMap(created -> !created
                ? Uni.createFrom().voidItem()
                : inviteCommander(incident)
                .flatMap(v -> inviteUser(incident, incident.declaredBy))
                .flatMap(v -> facts.of(incident))
                .flatMap(f -> outbox.channelPost(incident.id, SlackMessages.declared(f))));
    }

    private Uni<Void> inviteCommander(Incident incident) {
        return inviteUser(incident, incident.commanderId);
    }

    private Uni<Void> inviteUser(Incident incident, java.util.UUID userId) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return outbox.hasChannel(incident.id).flatMap(has -> !has ? Uni.createFrom().voidItem()
                : users.findById(userId).flatMap(user ->
                user == null || user.slackUserId == null ? Uni.createFrom().voidItem()
                        : outbox.invite(incident.id, user.slackUserId)));
    }

    private interface Change {
        SlackMessages.Rendered render(SlackMessages.IncidentFacts incident, String actor);
    }

    private Uni<Void> post(Incident incident, Caller actor, Change change) {
        if (!settings.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.hasChannel(incident.id).flatMap(has -> !has ? Uni.createFrom().voidItem()
                : facts.of(incident).flatMap(f -> facts.mention(actor)
                .flatMap(who -> outbox.channelPost(incident.id, change.render(f, who)))));
    }
}
