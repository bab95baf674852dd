package io.vigil.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, UUID> {

    /** Oldest first, keyset-paged on (at, seq). */
    public Uni<List<TimelineEntry>> page(UUID incidentId, PageRequest page) {
        if (page.cursor() == null) {
            return find("incidentId = ?1 order by at, seq", incidentId).range(0, page.fetchSize() - 1).list();
        }
        return find("incidentId = ?1 and (at > ?2 or (at = ?2 and seq > ?3)) order by at, seq", incidentId,
                page.cursor().at(), page.cursor().tieBreakerAsLong()).range(0, page.fetchSize() - 1).list();
    }
}
