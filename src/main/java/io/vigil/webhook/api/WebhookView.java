package io.vigil.webhook.api;

import io.vigil.webhook.WebhookSubscription;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it: the secret is never shown again, only its last four characters. */
public record WebhookView(UUID id, String url, List<String> events, String secretHint, Instant createdAt) {

    public static WebhookView of(WebhookSubscription s) {
        return new WebhookView(s.id, s.url, s.events, "…" + s.secret.substring(Math.max(0, s.secret.length() - 4)),
                s.createdAt);
    }
}
