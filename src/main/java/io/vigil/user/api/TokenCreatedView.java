package io.vigil.user.api;

import java.time.Instant;
import java.util.UUID;

/** The answer to {@code POST /users/{id}/tokens}: the only time {@code token} is ever shown. */
public record TokenCreatedView(UUID id, UUID userId, String name, String token, Instant createdAt) {
}
