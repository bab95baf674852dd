package io.vigil.slack;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.user.User;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns incidents and people into what {@link SlackMessages} shows: links, mentions, facts. */
@ApplicationScoped
public class SlackFacts {

    @Inject
    UserRepository users;

    @ConfigProperty(name = "oncall.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** The incident's web page. */
    public String link(UUID incidentId) {
        return publicUrl.replaceAll("/+$", "") + "/incidents/" + incidentId;
    }

    /** {@code <@U…>} for someone Slack knows, their escaped display name otherwise. */
    static String mention(String slackUserId, String handle, String displayName) {
        if (slackUserId != null && !slackUserId.isBlank()) {
            return "<@" + slackUserId + ">";
        }
        return SlackMessages.escape(displayName != null ? displayName : "@" + handle);
    }

    static String mention(User user) {
        return user == null ? null : mention(user.slackUserId, user.handle, user.displayName);
    }

    Uni<String> mention(Caller caller) {
        if (caller == null) {
            return Uni.createFrom().nullItem();
        }
        return users.findById(caller.id()).map(user -> user != null ? mention(user)
                : mention(null, caller.handle(), caller.displayName()));
    }

    /** The incident's facts, with its commander looked up (in the caller's session). */
    Uni<SlackMessages.IncidentFacts> of(Incident incident) {
        Uni<User> commander = incident.commanderId == null ? Uni.createFrom().nullItem()
                : users.findById(incident.commanderId);
        return commander.map(c -> facts(incident, mention(c)));
    }

    SlackMessages.IncidentFacts facts(Incident incident, String commander) {
        return new SlackMessages.IncidentFacts(incident.reference(), incident.severity.name(), incident.category,
                incident.region.name(), incident.title, incident.summary, incident.status.name(), commander,
                incident.restricted, link(incident.id));
    }
}
