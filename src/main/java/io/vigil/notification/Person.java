package io.vigil.notification;

import io.vigil.user.User;
import java.util.UUID;

/** Someone a message is about or for, with what channels need to reach them. */
public record Person(UUID id, String handle, String displayName, String email, String slackUserId) {

    public static Person of(User user) {
        return new Person(user.id, user.handle, user.displayName, user.email, user.slackUserId);
    }
}
