package io.vigil.user.api;

import io.vigil.user.Role;
import io.vigil.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

public record UserView(UUID id, String handle, String displayName, String email, String slackUserId, String timeZone,
                       Set<Role> roles, List<String> languages, boolean active, Instant createdAt) {

    public static UserView of(User u) {
        return new UserView(u.id, u.handle, u.displayName, u.email, u.slackUserId, u.timeZone, u.roles, u.languages,
                u.active, u.createdAt);
    }
}
