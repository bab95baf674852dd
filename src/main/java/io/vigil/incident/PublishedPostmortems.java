package io.vigil.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Answers the closing rule "CLOSED needs a published post-mortem where the severity demands one".
 * Post-mortems themselves arrive with their own package (issue 6), which replaces this bean's
 * answer with a query. Until then no post-mortem can exist, so none is published, and incidents
 * whose severity requires one cannot be closed — the rule holds, it cannot be satisfied yet.
 */
@ApplicationScoped
public class PublishedPostmortems {

    public Uni<Boolean> isPublished(UUID incidentId) {
        return Uni.createFrom().item(false);
    }
}
