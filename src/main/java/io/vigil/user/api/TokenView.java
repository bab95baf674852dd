package io.vigil.user.api;

import io.vigil.user.ApiToken;
import java.time.Instant;
import java.util.UUID;

/** A token's metadata; never the token itself. */
public record TokenView(UUID id, UUID userId, String name, String hint, Instant createdAt, Instant revokedAt) {

    public static TokenView of(ApiToken t) {
        return new TokenView(t.id, t.userId, t.name, t.hint, t.createdAt, t.revokedAt);
    }
}
