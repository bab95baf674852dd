package io.vigil.user;

/** A freshly issued token: the stored row plus the secret, which exists only in this object. */
public record IssuedToken(ApiToken stored, String secret) {
}
