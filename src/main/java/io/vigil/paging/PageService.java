package io.vigil.paging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.json.StoredJson;
import io.vigil.common.paging.Cursor;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.AccessDeniedException;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentAccess;
import io.vigil.incident.IncidentChanges;
import io.vigil.incident.IncidentLifecycle;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.incident.SeverityPolicy;
import io.vigil.incident.SeverityPolicyRepository;
import io.vigil.notification.Notifier;
import io.vigil.notification.OutboundEvent;
import io.vigil.oncall.Region;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineType;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pages: started automatically when an incident's severity pages (on declare, or when raised), by
 * hand for a user, a region or a policy, acknowledged, and stopped with their incident. The climb
 * itself is {@link EscalationEngine}'s.
 */
@ApplicationScoped
public class PageService implements IncidentChanges {

    public static final String ENTITY = "page";

    /** What a manual page asks for (spec §3): a user, a region's ladder, or a policy. */
    public enum TargetType { USER, REGION, POLICY }

    public record ManualTarget(TargetType type, UUID userId, Region region, UUID policyId) {
    }

    /** Records an incident's first acknowledgement (MTTA) without touching its version. */
    private static final String FIRST_ACK =
            "update Incident set acknowledgedAt = :at where id = :id and acknowledgedAt is null";

    /** A page with what its views need. */
    public record Details(Page page, Incident incident, List<PageNotification> notifications) {
    }

    /** Filters of {@code GET /pages}; null means any. */
    public record Query(PageStatus status, UUID userId, UUID incidentId) {
    }

    @Inject
    EscalationEngine engine;

    @Inject
    DeadlineScheduler deadlines;

    @Inject
    EscalationPolicyService policies;

    @Inject
    IncidentService incidentService;

    @Inject
    IncidentRepository incidents;

    @Inject
    SeverityPolicyRepository severityPolicies;

    @Inject
    UserRepository users;

    @Inject
    Notifier notifier;

    @Inject
    Timeline timeline;

    @Inject
    AuditLog audit;

    @Inject
    StoredJson json;

    @Inject
    Clock clock;

    @Override
    public int order() {
        return 50;
    }

    /** A declared incident whose severity pages starts a page on the most specific policy. */
    @Override
    public Uni<Void> declared(Incident incident, Caller actor) {
        return severityPolicies.findById(incident.severity).flatMap(severity -> severity != null && severity.pageOnDeclare
                ? startAuto(incident, severity, actor) : Uni.createFrom().voidItem());
    }

    /** Resolving, closing or cancelling an incident stops its pages. */
    @Override
    public Uni<Void> statusChanged(Incident incident, IncidentStatus from, String reason, Caller actor) {
        if (IncidentLifecycle.isActive(incident.status)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return Page.<Page>find("incidentId = ?1 and status <> ?2 order by triggeredAt", incident.id, PageStatus.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().flatMap(open -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Page page : open) {
                        chain = chain.flatMap(v -> {
                            page.status = PageStatus.RESOLVED;
                            page.nextEscalationAt = null;
                            page.endedAt = now;
                            page.updatedAt = now;
                            return timeline.append(incident.id, TimelineType.PAGE_RESOLVED, actor,
                                            "Page stopped: the incident is " + incident.status,
                                            Timeline.data("pageId", page.id, "incidentStatus", incident.status))
                                    .flatMap(e -> notifier.announce(OutboundEvent.PAGE_RESOLVED, incident,
                                            engine.summary(page, List.of())));
                        });
                    }
                    return chain;
                });
    }

    /**
     * A raised severity re-evaluates paging: running automatic pages switch to the policy and ack
     * timeout of the new severity (keeping their place on the ladder, the current step's deadline
     * recounted from when it was due — so a SEV3 page raised to SEV1 after 7 minutes escalates at
     * once); with no page running or answered, a severity that pages starts one.
     */
    @Override
    public Uni<Void> severityChanged(Incident incident, Severity from, String reason, Caller actor) {
        if (incident.severity.compareTo(from) >= 0) {
            return Uni.createFrom().voidItem();
        }
        return severityPolicies.findById(incident.severity).flatMap(severity -> Page.<Page>find(
                        "incidentId = ?1 and status in ?2", incident.id, List.of(PageStatus.TRIGGERED, PageStatus.ACKNOWLEDGED))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().flatMap(active -> {
                    if (active.isEmpty()) {
                        return severity != null && severity.pageOnDeclare ? startAuto(incident, severity, actor)
                                : Uni.createFrom().voidItem();
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Page page : active) {
                        if (page.status == PageStatus.TRIGGERED && page.origin == Page.Origin.AUTO) {
                            chain = chain.flatMap(v -> reevaluate(page, incident, severity, actor));
                        }
                    }
                    return chain;
                }));
    }

    private Uni<Void> reevaluate(Page page, Incident incident, SeverityPolicy severity, Caller actor) {
        return selectPolicy(incident).flatMap(policy -> {
            EscalationRules rules = policies.rules(policy);
            Instant now = clock.instant();
            page.policyId = policy.id;
            page.rules = engine.write(rules);
            if (severity != null && severity.ackTimeout != null) {
                page.severityTimeout = severity.ackTimeout;
            }
            if (page.level >= rules.levels().size()) {
                page.level = rules.levels().size() - 1;
            }
            if (page.round > rules.repeat()) {
                page.round = rules.repeat();
            }
            Instant deadline = page.stepDueAt.plus(Escalation.timeoutOf(rules.levels().get(page.level),
                    page.severityTimeout));
            page.nextEscalationAt = deadline.isBefore(now) ? now : deadline;
            page.updatedAt = now;
            deadlines.arm(page.id, page.level, page.round, page.nextEscalationAt);
            return timeline.append(incident.id, TimelineType.PAGE_REEVALUATED, actor,
                    "Severity is now " + incident.severity + ": the page follows '" + policy.name + "' and escalates at "
                            + page.nextEscalationAt + " unless acknowledged",
                    Timeline.data("pageId", page.id, "policyId", policy.id,
                            "nextEscalationAt", page.nextEscalationAt)).replaceWithVoid();
        });
    }

    private Uni<Void> startAuto(Incident incident, SeverityPolicy severity, Caller actor) {
        return selectPolicy(incident).flatMap(policy -> {
            Page page = newPage(incident, Page.Origin.AUTO, policy.id,
                    Map.of("type", TargetType.POLICY, "policyId", policy.id), null, severity.ackTimeout, actor);
            return engine.start(page, incident, policies.rules(policy)).replaceWithVoid();
        });
    }

    private Uni<EscalationPolicy> selectPolicy(Incident incident) {
        return policies.list().map(all -> {
            List<PolicySelector.Candidate> candidates = all.stream().map(p -> new PolicySelector.Candidate(p.id,
                    Set.copyOf(p.severities), Set.copyOf(p.categories), p.isDefault, p.createdOrder)).toList();
            UUID chosen = PolicySelector.select(candidates, incident.severity.name(), incident.category)
                    .orElseThrow(() -> new IllegalStateException("no default escalation policy")).id();
            return all.stream().filter(p -> p.id.equals(chosen)).findFirst().orElseThrow();
        });
    }

    /** Pages by hand (spec §3): the incident must be open and the caller must be able to run it. */
    @WithTransaction
    public Uni<Details> page(UUID incidentId, ManualTarget target, String message, Duration ackTimeout, Caller actor) {
        return incidentService.get(incidentId, actor).flatMap(incident -> {
            if (!IncidentAccess.canRun(actor, incident)) {
                throw new AccessDeniedException("paging needs COMMANDER, MANAGER or ADMIN, or being the incident's "
                        + "commander");
            }
            if (!IncidentLifecycle.isActive(incident.status)) {
                throw (ConflictException) new ConflictException("cannot page for a " + incident.status + " incident")
                        .with("currentStatus", incident.status);
            }
            return severityPolicies.findById(incident.severity).flatMap(severity -> manualRules(target, ackTimeout)
                    .flatMap(chosen -> {
                        Duration timeout = severity == null ? null : severity.ackTimeout;
                        Page page = newPage(incident, Page.Origin.MANUAL, chosen.policyId(), target, message, timeout,
                                actor);
                        return engine.start(page, incident, chosen.rules())
                                .call(saved -> audit.record(actor, "page.created", ENTITY, saved.id, null, saved))
                                .flatMap(saved -> details(saved, incident));
                    }));
        });
    }

    private record Chosen(EscalationRules rules, UUID policyId) {
    }

    private Uni<Chosen> manualRules(ManualTarget target, Duration ackTimeout) {
        rejectForeignFields(target);
        return switch (target.type()) {
            case USER -> {
                if (target.userId() == null) {
                    throw ValidationException.of("target.userId", "is required for a USER target");
                }
                yield users.activeOrInvalid(target.userId(), "target.userId").map(user -> new Chosen(
                        new EscalationRules(List.of(new EscalationRules.Level(List.of(
                                new EscalationTarget(EscalationTarget.Type.USER, null, user.id)), ackTimeout)), 0),
                        null));
            }
            case REGION -> {
                if (target.region() == null) {
                    throw ValidationException.of("target.region", "is required for a REGION target");
                }
                Region region = target.region();
                yield Uni.createFrom().item(new Chosen(new EscalationRules(List.of(
                        level(new EscalationTarget(EscalationTarget.Type.REGION_PRIMARY, region, null), ackTimeout),
                        level(new EscalationTarget(EscalationTarget.Type.REGION_SECONDARY, region, null), ackTimeout),
                        level(new EscalationTarget(EscalationTarget.Type.REGION_MANAGER, region, null), ackTimeout),
                        level(EscalationTarget.of(EscalationTarget.Type.DUTY_LEAD), ackTimeout)), 0), null));
            }
            case POLICY -> {
                if (target.policyId() == null) {
                    throw ValidationException.of("target.policyId", "is required for a POLICY target");
                }
                yield EscalationPolicy.<EscalationPolicy>findById(target.policyId()).map(policy -> {
                    if (policy == null) {
                        throw ValidationException.of("target.policyId", "no escalation policy " + target.policyId());
                    }
                    EscalationRules rules = policies.rules(policy);
                    if (ackTimeout != null) {
                        rules = new EscalationRules(rules.levels().stream()
                                .map(l -> new EscalationRules.Level(l.targets(), ackTimeout)).toList(), rules.repeat());
                    }
                    return new Chosen(rules, policy.id);
                });
            }
        };
    }

    /** A target names only what its type uses: a USER target with a region is a mistake, not a hint. */
    private static void rejectForeignFields(ManualTarget target) {
        String notFor = "is not allowed for a " + target.type() + " target";
        if (target.type() != TargetType.USER && target.userId() != null) {
            throw ValidationException.of("target.userId", notFor);
        }
        if (target.type() != TargetType.REGION && target.region() != null) {
            throw ValidationException.of("target.region", notFor);
        }
        if (target.type() != TargetType.POLICY && target.policyId() != null) {
            throw ValidationException.of("target.policyId", notFor);
        }
    }

    private static EscalationRules.Level level(EscalationTarget target, Duration ackTimeout) {
        return new EscalationRules.Level(List.of(target), ackTimeout);
    }

    private Page newPage(Incident incident, Page.Origin origin, UUID policyId, Object target, String message,
                         Duration severityTimeout, Caller actor) {
        Page page = new Page();
        page.id = UUID.randomUUID();
        page.incidentId = incident.id;
        page.policyId = policyId;
        page.origin = origin;
        page.target = json.write(target);
        page.message = message == null || message.isBlank() ? null : message.strip();
        page.severityTimeout = severityTimeout;
        page.triggeredBy = EscalationEngine.idOf(actor);
        return page;
    }

    /**
     * Acknowledges a page: allowed to anyone it notified and to whoever may run the incident.
     * Acknowledging again changes nothing; an EXHAUSTED page can still be acknowledged (someone
     * finally answered); a RESOLVED one cannot.
     */
    @WithTransaction
    public Uni<Details> acknowledge(UUID pageId, Caller actor, String via) {
        return answerable(pageId, actor, "acknowledge").flatMap(found -> {
            Page page = found.page();
            Incident incident = found.incident();
            Instant now = clock.instant();
            // Incident row before page row: the order incident changes take (status → pages), so
            // an ack racing a resolve cannot deadlock. Rolled back with everything else on a 409.
            return Panache.getSession()
                    .flatMap(s -> s.createMutationQuery(FIRST_ACK).setParameter("id", incident.id)
                            .setParameter("at", now).executeUpdate())
                    // re-read under the lock: the engine may have moved the page meanwhile
                    .flatMap(n -> Panache.getSession())
                    .flatMap(s -> s.refresh(page, LockModeType.PESSIMISTIC_WRITE))
                    .flatMap(v -> acknowledgeLocked(page, incident, actor, via, now));
        });
    }

    private record Answerable(Page page, Incident incident) {
    }

    /** The page and its incident, if {@code actor} was notified by it or may run the incident. */
    private Uni<Answerable> answerable(UUID pageId, Caller actor, String verb) {
        return Page.<Page>findById(pageId).flatMap(found -> {
            if (found == null) {
                throw NotFoundException.of("page", pageId);
            }
            return visibleIncident(found, actor).flatMap(incident -> PageNotification
                    .count("pageId = ?1 and userId = ?2", found.id, actor.id()).map(notified -> {
                        if (notified == 0 && !IncidentAccess.canRun(actor, incident)) {
                            throw new AccessDeniedException("only people this page notified, and those who may run "
                                    + "the incident, can " + verb + " it");
                        }
                        return new Answerable(found, incident);
                    }));
        });
    }

    /**
     * Escalates a running page at once ("Escalate now"): allowed to the same people as acknowledging.
     * Only a TRIGGERED page can climb; anything else is a 409 saying what it is.
     */
    @WithTransaction
    public Uni<Details> escalateNow(UUID pageId, Caller actor, String via) {
        return answerable(pageId, actor, "escalate").flatMap(found -> {
            Page page = found.page();
            Incident incident = found.incident();
            return Panache.getSession().flatMap(s -> s.refresh(page, LockModeType.PESSIMISTIC_WRITE)).flatMap(v -> {
                if (page.status != PageStatus.TRIGGERED) {
                    throw (ConflictException) new ConflictException("only a TRIGGERED page can be escalated; this one "
                            + "is " + page.status).with("currentStatus", page.status);
                }
                Instant now = clock.instant();
                int level = page.level + 1;
                return timeline.append(incident.id, TimelineType.PAGE_ESCALATED, actor,
                                "@" + actor.handle() + " escalated the page now via " + via + " (it was at level "
                                        + level + ")",
                                Timeline.data("pageId", page.id, "userId", actor.id(), "via", via, "fromLevel", level,
                                        "reason", "ESCALATE_NOW"))
                        .call(e -> audit.record(actor, "page.escalated", ENTITY, page.id, null,
                                Map.of("fromLevel", level, "via", via)))
                        .flatMap(e -> engine.escalateNow(page, incident, now))
                        .flatMap(e -> details(page, incident));
            });
        });
    }

    private Uni<Details> acknowledgeLocked(Page page, Incident incident, Caller actor, String via, Instant now) {
        if (page.status == PageStatus.ACKNOWLEDGED) {
            return details(page, incident);
        }
        if (page.status == PageStatus.RESOLVED) {
            throw (ConflictException) new ConflictException("the page is already RESOLVED")
                    .with("currentStatus", page.status);
        }
        var before = audit.snapshot(page);
        int level = page.level + 1;
        page.status = PageStatus.ACKNOWLEDGED;
        page.acknowledgedBy = actor.id();
        page.acknowledgedAt = now;
        page.nextEscalationAt = null;
        page.updatedAt = now;
        return timeline.append(incident.id, TimelineType.PAGE_ACKNOWLEDGED, actor,
                        "Acknowledged via " + via + " by @" + actor.handle() + " (level " + level + ")",
                        Timeline.data("pageId", page.id, "userId", actor.id(), "via", via, "level", level))
                .call(e -> audit.record(actor, "page.acknowledged", ENTITY, page.id, before, page))
                .call(e -> notifier.announce(OutboundEvent.PAGE_ACKNOWLEDGED, incident, engine.summary(page, List.of())))
                .flatMap(e -> details(page, incident));
    }

    @WithSession
    public Uni<Details> get(UUID pageId, Caller caller) {
        return Page.<Page>findById(pageId).flatMap(page -> {
            if (page == null) {
                throw NotFoundException.of("page", pageId);
            }
            return visibleIncident(page, caller).flatMap(incident -> details(page, incident));
        });
    }

    /** Newest first, keyset-paged on (triggeredAt, id); only pages of incidents the caller may see. */
    @WithSession
    public Uni<PageView<Details>> list(Query query, PageRequest request, Caller caller) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!caller.isAdmin()) {
            where.add("exists (select 1 from Incident i where i.id = p.incidentId and " + IncidentRepository.VISIBLE + ")");
            params.and("me", caller.id());
        }
        if (query.status() != null) {
            where.add("p.status = :status");
            params.and("status", query.status());
        }
        if (query.incidentId() != null) {
            where.add("p.incidentId = :incidentId");
            params.and("incidentId", query.incidentId());
        }
        if (query.userId() != null) {
            where.add("exists (select 1 from PageNotification n where n.pageId = p.id and n.userId = :userId)");
            params.and("userId", query.userId());
        }
        if (request.cursor() != null) {
            where.add("(p.triggeredAt < :cAt or (p.triggeredAt = :cAt and p.id < :cId))");
            params.and("cAt", request.cursor().at()).and("cId", request.cursor().tieBreakerAsUuid());
        }
        String clause = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        return Page.<Page>find("from Page p" + clause + " order by p.triggeredAt desc, p.id desc", params)
                .range(0, request.fetchSize() - 1).list()
                .flatMap(rows -> {
                    PageView<Page> window = request.page(rows, p -> Cursor.of(p.triggeredAt, p.id));
                    return detailsOf(window.items()).map(all -> new PageView<>(all, window.nextCursor()));
                });
    }

    private Uni<List<Details>> detailsOf(List<Page> pages) {
        if (pages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = pages.stream().map(p -> p.id).toList();
        Set<UUID> incidentIds = new HashSet<>(pages.stream().map(p -> p.incidentId).toList());
        return PageNotification.<PageNotification>list("pageId in ?1 order by sentAt, level, userId", ids)
                .flatMap(notifications -> incidents.list("id in ?1", incidentIds).map(found -> pages.stream()
                        .map(p -> new Details(p, found.stream().filter(i -> i.id.equals(p.incidentId)).findFirst()
                                .orElseThrow(), notifications.stream().filter(n -> n.pageId.equals(p.id)).toList()))
                        .toList()));
    }

    private Uni<Details> details(Page page, Incident incident) {
        return PageNotification.<PageNotification>list("pageId = ?1 order by sentAt, level, userId", page.id)
                .map(notifications -> new Details(page, incident, notifications));
    }

    /** The page's incident if the caller may see it; otherwise the page does not exist for them. */
    private Uni<Incident> visibleIncident(Page page, Caller caller) {
        return incidentService.get(page.incidentId, caller).onFailure(NotFoundException.class)
                .transform(e -> NotFoundException.of("page", page.id));
    }
}
