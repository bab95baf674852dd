package io.vigil.common.security;

import java.util.UUID;

/** The short form of a user that other resources embed: {@code {id, handle, displayName}}. */
public record UserRef(UUID id, String handle, String displayName) {
}
