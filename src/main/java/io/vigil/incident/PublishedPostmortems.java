package io.vigil.incident;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Answers the closing rule "CLOSED needs a published post-mortem where the severity demands one".
 * Implemented by the post-mortem package, which the incident package does not otherwise know.
 */
public interface PublishedPostmortems {

    /** Whether the incident's post-mortem is PUBLISHED; called inside the caller's session. */
    Uni<Boolean> isPublished(UUID incidentId);
}
