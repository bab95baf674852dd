package io.vigil.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentParticipant;
import io.vigil.incident.SeverityPolicy;
import io.vigil.oncall.Region;
import io.vigil.postmortem.ActionItem;
import io.vigil.postmortem.Postmortem;
import io.vigil.postmortem.PostmortemRules;
import io.vigil.postmortem.PostmortemService;
import io.vigil.postmortem.PostmortemStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Gathers the facts of the incidents declared in a range and hands them to {@link Kpis}. A restricted
 * incident the reader may not see counts in the totals without revealing its category or region; and
 * when the reader filters by region or category, such incidents are left out altogether — counting
 * them would tell the reader where and what they were.
 */
@ApplicationScoped
public class ReportService {

    /** What a summary covers. */
    public record Range(Instant from, Instant to, Region region, String category) {
    }

    public record Report(Range range, Kpis.Summary summary) {
    }

    @Inject
    PostmortemService postmortems;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Report> summary(Range range, Caller caller) {
        StringBuilder where = new StringBuilder("declaredAt >= :from and declaredAt < :to");
        Parameters params = Parameters.with("from", range.from()).and("to", range.to());
        if (range.region() != null) {
            where.append(" and region = :region");
            params.and("region", range.region());
        }
        if (range.category() != null) {
            where.append(" and category = :category");
            params.and("category", range.category());
        }
        boolean filtered = range.region() != null || range.category() != null;
        return Incident.<Incident>list(where.toString(), params).flatMap(found -> visibleTo(caller, found)
                .flatMap(visible -> {
                    List<Incident> incidents = found.stream()
                            .filter(i -> !filtered || visible.contains(i.id)).toList();
                    return gather(incidents, visible, range);
                }));
    }

    private Uni<Report> gather(List<Incident> incidents, Set<UUID> visible, Range range) {
        List<UUID> ids = incidents.stream().map(i -> i.id).toList();
        List<UUID> query = ids.isEmpty() ? List.of(new UUID(0, 0)) : ids;
        return SeverityPolicy.<SeverityPolicy>listAll().flatMap(policies -> steps(query)
                .flatMap(steps -> Uni.createFrom().item(escalations(steps))
                        .flatMap(escalations -> Postmortem.<Postmortem>list("incidentId in ?1", query)
                                .flatMap(pms -> ActionItem.<ActionItem>list("incidentId in ?1", query)
                                        .map(items -> {
                                            Map<String, SeverityPolicy> policy = new HashMap<>();
                                            policies.forEach(p -> policy.put(p.severity.name(), p));
                                            Map<UUID, Postmortem> pmOf = new HashMap<>();
                                            pms.forEach(p -> pmOf.put(p.incidentId, p));
                                            Instant now = clock.instant();
                                            List<Kpis.IncidentFact> facts = new ArrayList<>();
                                            for (Incident i : incidents) {
                                                SeverityPolicy sev = policy.get(i.severity.name());
                                                SeverityPolicy peak = policy.get(i.peakSeverity.name());
                                                Postmortem pm = pmOf.get(i.id);
                                                PostmortemStatus pmStatus = pm == null ? null : pm.status;
                                                boolean overdue = PostmortemRules.isOverdue(
                                                        pmStatus == null ? PostmortemStatus.DRAFT : pmStatus,
                                                        i.resolvedAt, postmortems.dueAfter(), now);
                                                facts.add(new Kpis.IncidentFact(i.id, i.severity.name(), i.category,
                                                        i.region.name(), i.status.name(),
                                                        i.restricted && !visible.contains(i.id), i.declaredAt,
                                                        i.acknowledgedAt, i.mitigatedAt, i.resolvedAt,
                                                        sev != null && sev.pageOnDeclare ? sev.ackTimeout : null,
                                                        escalations.getOrDefault(i.id, 0),
                                                        peak != null && peak.postmortemRequired,
                                                        pmStatus == null ? null : pmStatus.name(), overdue));
                                            }
                                            List<Kpis.ActionItemFact> actionItems = items.stream()
                                                    .map(a -> new Kpis.ActionItemFact(a.status.name(), a.dueDate))
                                                    .toList();
                                            List<UUID> paged = steps.stream().map(Step::userId).toList();
                                            return new Report(range, Kpis.summarize(facts, paged, actionItems, now,
                                                    postmortems.today()));
                                        })))));
    }

    /** Ids of the incidents the caller may see, among {@code incidents}. */
    private Uni<Set<UUID>> visibleTo(Caller caller, List<Incident> incidents) {
        Set<UUID> visible = new HashSet<>();
        List<UUID> restricted = new ArrayList<>();
        for (Incident i : incidents) {
            if (!i.restricted || caller.isAdmin() || caller.id().equals(i.declaredBy)
                    || caller.id().equals(i.commanderId)) {
                visible.add(i.id);
            } else {
                restricted.add(i.id);
            }
        }
        if (restricted.isEmpty()) {
            return Uni.createFrom().item(visible);
        }
        return IncidentParticipant.<IncidentParticipant>list("userId = ?1 and incidentId in ?2", caller.id(), restricted)
                .map(rows -> {
                    rows.forEach(p -> visible.add(p.incidentId));
                    return visible;
                });
    }

    /** The page steps of these incidents: who was paged at which step of which page. */
    private record Step(UUID incidentId, UUID userId, UUID pageId, int level, int round) {
    }

    private static Uni<List<Step>> steps(List<UUID> ids) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery("select n.incidentId, n.userId, n.pageId, "
                                + "n.level, n.round from PageNotification n where n.incidentId in :ids", Object[].class)
                        .setParameter("ids", ids).getResultList())
                .map(rows -> rows.stream().map(r -> new Step((UUID) r[0], (UUID) r[1], (UUID) r[2],
                        ((Number) r[3]).intValue(), ((Number) r[4]).intValue())).distinct().toList());
    }

    /** Escalations per incident: the steps climbed past the first (timed out, or "escalate now"). */
    private static Map<UUID, Integer> escalations(List<Step> steps) {
        Map<UUID, Set<String>> climbed = new HashMap<>();
        for (Step step : steps) {
            if (step.level() > 0 || step.round() > 0) {
                climbed.computeIfAbsent(step.incidentId(), k -> new HashSet<>())
                        .add(step.pageId() + ":" + step.level() + ":" + step.round());
            }
        }
        Map<UUID, Integer> out = new HashMap<>();
        climbed.forEach((incident, set) -> out.put(incident, set.size()));
        return out;
    }
}
