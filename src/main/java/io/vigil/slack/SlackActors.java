package io.vigil.slack;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Who a Slack user is in Vigil: the active user whose {@code slackUserId} it is, acting with that
 * user's roles — a click or a command from Slack may do exactly what the same person may do over REST.
 */
@ApplicationScoped
public class SlackActors {

    /** Told to a Slack user Vigil does not know; nothing they asked for was done. */
    static String notLinked(String slackUserId) {
        return ":lock: Your Slack account (<@" + slackUserId + ">) is not linked to a Vigil user, so nothing was "
                + "changed. Ask a Vigil admin to set your slackUserId (POST /api/v1/users).";
    }

    @WithSession
    public Uni<Optional<Caller>> caller(String slackUserId) {
        if (slackUserId == null || slackUserId.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return User.<User>find("slackUserId = ?1 and active = true", slackUserId).firstResult()
                .map(user -> Optional.ofNullable(user).map(u -> new Caller(u.id, u.handle, u.displayName,
                        u.roles.isEmpty() ? EnumSet.noneOf(io.vigil.user.Role.class) : EnumSet.copyOf(u.roles))));
    }
}
