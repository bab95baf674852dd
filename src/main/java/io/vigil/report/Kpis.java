package io.vigil.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The KPIs leadership reads (spec §2), as pure arithmetic over plain facts: counts by severity,
 * category, region and status; MTTA (declared → first acknowledgement), MTTM (→ mitigated) and MTTR
 * (→ resolved) as mean, p50 and p90; acknowledgement-SLA breaches; escalations; pages per responder;
 * post-mortem and action-item health.
 *
 * <p>Percentiles use the nearest-rank method: p-th percentile of n sorted values is the value at rank
 * ⌈p/100 · n⌉ — always a time that really happened. An incident without the milestone (not yet
 * acknowledged, mitigated or resolved) is left out of that measure and counted as {@code open}.
 * A restricted incident the reader may not see counts in every total, by severity and status, and in
 * the time measures, but its category and region are reported as {@value #RESTRICTED}.
 */
public final class Kpis {

    public static final String RESTRICTED = "RESTRICTED";

    /** One incident as the KPIs need it. {@code ackTimeout} is its severity's (null: it does not page). */
    public record IncidentFact(UUID id, String severity, String category, String region, String status,
                               boolean hiddenFromReader, Instant declaredAt, Instant acknowledgedAt,
                               Instant mitigatedAt, Instant resolvedAt, Duration ackTimeout, int escalations,
                               boolean postmortemRequired, String postmortemStatus, boolean postmortemOverdue) {
    }

    /** One action item: its status and due date. */
    public record ActionItemFact(String status, LocalDate dueDate) {
    }

    /** A time measure; durations null when no incident had the milestone. */
    public record Measure(int count, int open, Duration mean, Duration p50, Duration p90) {
    }

    public record PostmortemHealth(int required, int published, int overdue) {
    }

    public record ActionItemHealth(int open, int overdue, int done) {
    }

    public record Summary(int incidents, Map<String, Integer> bySeverity, Map<String, Integer> byCategory,
                          Map<String, Integer> byRegion, Map<String, Integer> byStatus, Measure mtta, Measure mttm,
                          Measure mttr, int ackSlaBreaches, int escalations, Map<UUID, Integer> pagesPerResponder,
                          PostmortemHealth postmortems, ActionItemHealth actionItems) {
    }

    private Kpis() {
    }

    /**
     * @param pagedUsers one entry per person notified by a page of these incidents (a person notified
     *                   three times appears three times)
     * @param now        for acknowledgement-SLA breaches of incidents still unacknowledged
     */
    public static Summary summarize(Collection<IncidentFact> incidents, Collection<UUID> pagedUsers,
                                    Collection<ActionItemFact> actionItems, Instant now, LocalDate today) {
        Map<String, Integer> bySeverity = new TreeMap<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Integer> byRegion = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        List<Duration> tta = new ArrayList<>();
        List<Duration> ttm = new ArrayList<>();
        List<Duration> ttr = new ArrayList<>();
        int breaches = 0;
        int escalations = 0;
        int required = 0;
        int published = 0;
        int overdue = 0;
        for (IncidentFact i : incidents) {
            bySeverity.merge(i.severity(), 1, Integer::sum);
            byStatus.merge(i.status(), 1, Integer::sum);
            byCategory.merge(i.hiddenFromReader() ? RESTRICTED : i.category(), 1, Integer::sum);
            byRegion.merge(i.hiddenFromReader() ? RESTRICTED : i.region(), 1, Integer::sum);
            add(tta, i.declaredAt(), i.acknowledgedAt());
            add(ttm, i.declaredAt(), i.mitigatedAt());
            add(ttr, i.declaredAt(), i.resolvedAt());
            if (breachedAckSla(i, now)) {
                breaches++;
            }
            escalations += i.escalations();
            if (i.postmortemRequired()) {
                required++;
                if ("PUBLISHED".equals(i.postmortemStatus())) {
                    published++;
                } else if (i.postmortemOverdue()) {
                    overdue++;
                }
            }
        }
        Map<UUID, Integer> load = new TreeMap<>();
        pagedUsers.forEach(u -> load.merge(u, 1, Integer::sum));
        int open = 0;
        int late = 0;
        int done = 0;
        for (ActionItemFact a : actionItems) {
            if ("DONE".equals(a.status())) {
                done++;
            } else {
                open++;
                if (a.dueDate() != null && a.dueDate().isBefore(today)) {
                    late++;
                }
            }
        }
        int n = incidents.size();
        return new Summary(n, bySeverity, byCategory, byRegion, byStatus, measure(tta, n), measure(ttm, n),
                measure(ttr, n), breaches, escalations, load, new PostmortemHealth(required, published, overdue),
                new ActionItemHealth(open, late, done));
    }

    /**
     * Whether the first acknowledgement came later than the severity's ack timeout — or has not come
     * and the timeout has passed (by {@code now}, or by when the incident was resolved without one).
     */
    public static boolean breachedAckSla(IncidentFact i, Instant now) {
        if (i.ackTimeout() == null) {
            return false;
        }
        Instant deadline = i.declaredAt().plus(i.ackTimeout());
        if (i.acknowledgedAt() != null) {
            return i.acknowledgedAt().isAfter(deadline);
        }
        Instant end = i.resolvedAt() != null ? i.resolvedAt() : now;
        return end.isAfter(deadline);
    }

    /** Nearest-rank percentile of sorted values ({@code p} in 1..100). */
    static Duration percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Measure measure(List<Duration> values, int incidents) {
        values.sort(Comparator.naturalOrder());
        Duration mean = null;
        if (!values.isEmpty()) {
            long millis = 0; // milliseconds: nanoseconds could overflow over a year of incidents
            for (Duration d : values) {
                millis += d.toMillis();
            }
            mean = Duration.ofMillis(millis / values.size());
        }
        return new Measure(values.size(), incidents - values.size(), mean, percentile(values, 50),
                percentile(values, 90));
    }

    private static void add(List<Duration> into, Instant from, Instant to) {
        if (from != null && to != null) {
            into.add(Duration.between(from, to));
        }
    }
}
