package io.vigil.user;

import java.util.List;
import java.util.Set;

/** What it takes to create a user; validated by {@link UserService}. */
public record NewUser(String handle, String displayName, String email, String slackUserId, String timeZone,
                      Set<Role> roles, List<String> languages) {
}
