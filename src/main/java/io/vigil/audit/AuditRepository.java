package io.vigil.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    /** Newest first, keyset-paged on (at, seq). */
    public Uni<List<AuditEntry>> search(AuditQuery query, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (query.from() != null) {
            where.add("at >= :from");
            params.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("at < :to");
            params.and("to", query.to());
        }
        if (query.actorId() != null) {
            where.add("actorId = :actor");
            params.and("actor", query.actorId());
        }
        if (query.entityType() != null) {
            where.add("entityType = :type");
            params.and("type", query.entityType());
        }
        if (query.entityId() != null) {
            where.add("entityId = :entity");
            params.and("entity", query.entityId());
        }
        if (page.cursor() != null) {
            where.add("(at < :cAt or (at = :cAt and seq < :cSeq))");
            params.and("cAt", page.cursor().at()).and("cSeq", page.cursor().tieBreakerAsLong());
        }
        String hql = (where.isEmpty() ? "" : "where " + String.join(" and ", where)) + " order by at desc, seq desc";
        return find(hql, params).range(0, page.fetchSize() - 1).list();
    }
}
