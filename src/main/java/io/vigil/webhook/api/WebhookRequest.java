package io.vigil.webhook.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /webhooks}: where to send, the signing secret, and which events (or {@code *}). */
public record WebhookRequest(@NotBlank @Size(max = 2000) String url,
                             @NotBlank @Size(max = 200) String secret,
                             @NotEmpty @Size(max = 20) List<@NotNull String> events) {
}
