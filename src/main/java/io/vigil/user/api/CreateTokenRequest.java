package io.vigil.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /users/{id}/tokens}: a name to recognise the token by later. */
public record CreateTokenRequest(@NotBlank @Size(max = 100) String name) {
}
