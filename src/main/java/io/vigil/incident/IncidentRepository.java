package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.security.Caller;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** Same rule as {@link IncidentAccess#canView}, as a query predicate. */
    /** HQL: incident {@code i} is visible to the user bound as {@code :me} (admins skip this). */
    public static final String VISIBLE = "(i.restricted = false or i.declaredBy = :me or i.commanderId = :me"
            + " or exists (select 1 from IncidentParticipant p where p.incidentId = i.id and p.userId = :me))";

    @Inject
    Pool pool;

    /**
     * Next {@code INC-<n>} number: a sequence is unique under concurrency and may skip after a rollback.
     * Read straight from the pool: {@code nextval} ignores transactions anyway, and Hibernate Reactive's
     * native-query plan cache misses on this query every time, which made it a hot spot (docs/performance.md).
     */
    public Uni<Long> nextNumber() {
        return pool.query("select nextval('incident_number_seq')").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Newest first, keyset-paged on (declaredAt, id); only what the caller may see. */
    public Uni<List<Incident>> search(IncidentQuery query, Caller caller, PageRequest page) {
        Filter filter = filter(query, caller);
        if (page.cursor() != null) {
            filter.where.add("(i.declaredAt < :cAt or (i.declaredAt = :cAt and i.id < :cId))");
            filter.params.and("cAt", page.cursor().at()).and("cId", page.cursor().tieBreakerAsUuid());
        }
        return find("from Incident i" + filter.clause() + " order by i.declaredAt desc, i.id desc", filter.params)
                .range(0, page.fetchSize() - 1).list();
    }

    /** Counts per (status, severity) of what the caller may see. */
    public Uni<List<Object[]>> countByStatusAndSeverity(IncidentQuery query, Caller caller) {
        Filter filter = filter(query, caller);
        return Panache.getSession().flatMap(s -> {
            var q = s.createSelectionQuery("select i.status, i.severity, count(i) from Incident i" + filter.clause()
                    + " group by i.status, i.severity", Object[].class);
            filter.params.map().forEach(q::setParameter);
            return q.getResultList();
        });
    }

    private static final class Filter {
        final List<String> where = new ArrayList<>();
        final Parameters params = new Parameters();

        String clause() {
            return where.isEmpty() ? "" : " where " + String.join(" and ", where);
        }
    }

    private static Filter filter(IncidentQuery query, Caller caller) {
        Filter f = new Filter();
        if (!caller.isAdmin()) {
            f.where.add(VISIBLE);
            f.params.and("me", caller.id());
        }
        if (query.status() != null) {
            f.where.add("i.status = :status");
            f.params.and("status", query.status());
        }
        if (query.severity() != null) {
            f.where.add("i.severity = :severity");
            f.params.and("severity", query.severity());
        }
        if (query.region() != null) {
            f.where.add("i.region = :region");
            f.params.and("region", query.region());
        }
        if (query.category() != null) {
            f.where.add("i.category = :category");
            f.params.and("category", query.category());
        }
        if (query.from() != null) {
            f.where.add("i.declaredAt >= :from");
            f.params.and("from", query.from());
        }
        if (query.to() != null) {
            f.where.add("i.declaredAt < :to");
            f.params.and("to", query.to());
        }
        return f;
    }
}
