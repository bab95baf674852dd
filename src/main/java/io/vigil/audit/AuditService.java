package io.vigil.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.Cursor;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads the audit log. Writing goes through {@link AuditLog} inside each mutation's transaction. */
@ApplicationScoped
public class AuditService {

    @Inject
    AuditRepository repository;

    @WithSession
    public Uni<PageView<AuditEntry>> search(AuditQuery query, PageRequest page) {
        return repository.search(query, page).map(rows -> page.page(rows, e -> Cursor.of(e.at, e.seq)));
    }
}
