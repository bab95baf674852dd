package io.vigil.common.security;

import io.vigil.user.Role;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/** The authenticated user behind a request, as far as decisions need to know them. */
public record Caller(UUID id, String handle, String displayName, Set<Role> roles) {

    public boolean hasAny(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    public UserRef ref() {
        return new UserRef(id, handle, displayName);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }
}
