package io.vigil.postmortem;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.vigil.common.problem.FieldError;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.UnprocessableException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentAccess;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.PublishedPostmortems;
import io.vigil.incident.Severity;
import io.vigil.incident.SeverityPolicy;
import io.vigil.notification.Notifier;
import io.vigil.notification.OutboundEvent;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineEntry;
import io.vigil.timeline.TimelineType;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Post-mortems and their action items: created prefilled from the incident, edited while not
 * published, reviewed, published under the spec's rules — and the answer to the incident's closing
 * rule. Reading needs only seeing the incident (LEADERSHIP reads them); writing needs being able to
 * run it, except that an action item's owner may update their own item.
 */
@ApplicationScoped
public class PostmortemService implements PublishedPostmortems {

    public static final String ENTITY = "postmortem";
    public static final String ACTION_ITEM = "action_item";

    /** A post-mortem with what its views need. */
    public record Details(Postmortem postmortem, Incident incident, List<ActionItem> actionItems) {
    }

    /** The editable text fields; null leaves a field as it is. */
    public record Edit(String summary, String impact, String rootCause, String contributingFactors, String wentWell,
                       String wentWrong) {
    }

    public record NewActionItem(String title, UUID ownerId, LocalDate dueDate, ActionItem.Priority priority) {
    }

    /** A partial change of an action item; null leaves a field as it is. */
    public record ActionItemChange(String title, UUID ownerId, LocalDate dueDate, ActionItem.Priority priority,
                                   ActionItem.Status status) {
    }

    /** Filters of {@code GET /action-items}; null means any. */
    public record ActionItemQuery(ActionItem.Status status, Boolean overdue, UUID ownerId, UUID postmortemId) {
    }

    @Inject
    IncidentService incidents;

    @Inject
    IncidentRepository incidentRepository;

    @Inject
    UserRepository users;

    @Inject
    Timeline timeline;

    @Inject
    AuditLog audit;

    @Inject
    Notifier notifier;

    @Inject
    StoredJson json;

    @Inject
    Clock clock;

    @ConfigProperty(name = "oncall.postmortem.due-after", defaultValue = "P5D")
    Duration dueAfter;

    public Duration dueAfter() {
        return dueAfter;
    }

    @Override
    public Uni<Boolean> isPublished(UUID incidentId) {
        return Postmortem.count("incidentId = ?1 and status = ?2", incidentId, PostmortemStatus.PUBLISHED)
                .map(n -> n > 0);
    }

    /** Creates the incident's one post-mortem, as a DRAFT prefilled from what Vigil knows. */
    @WithTransaction
    public Uni<Details> create(UUID incidentId, Caller actor) {
        return runnable(incidentId, actor).flatMap(incident -> {
            if (incident.status == IncidentStatus.CANCELLED) {
                throw (ConflictException) new ConflictException("a CANCELLED incident (a false alarm) has no "
                        + "post-mortem").with("currentStatus", incident.status);
            }
            return Postmortem.<Postmortem>find("incidentId", incident.id).firstResult().flatMap(existing -> {
                if (existing != null) {
                    throw (ConflictException) new ConflictException("the incident already has a post-mortem")
                            .with("postmortemId", existing.id);
                }
                return TimelineEntry.<TimelineEntry>list("incidentId = ?1 order by at, seq", incident.id)
                        .flatMap(entries -> {
                            Postmortem p = new Postmortem();
                            p.id = UUID.randomUUID();
                            p.incidentId = incident.id;
                            p.status = PostmortemStatus.DRAFT;
                            p.summary = incident.summary;
                            p.impact = impactPlaceholder(incident);
                            p.timeline = json.write(frozen(entries));
                            PostmortemRules.KeyDurations d = PostmortemRules.durations(incident.declaredAt,
                                    incident.acknowledgedAt, incident.mitigatedAt, incident.resolvedAt);
                            p.timeToAcknowledgeSeconds = seconds(d.timeToAcknowledge());
                            p.timeToMitigateSeconds = seconds(d.timeToMitigate());
                            p.timeToResolveSeconds = seconds(d.timeToResolve());
                            p.createdBy = actor.id();
                            p.createdAt = clock.instant();
                            p.updatedAt = p.createdAt;
                            return p.<Postmortem>persist()
                                    .call(saved -> timeline.append(incident.id, TimelineType.POSTMORTEM_CREATED, actor,
                                            "Post-mortem started by @" + actor.handle(),
                                            Timeline.data("postmortemId", saved.id)))
                                    .call(saved -> audit.record(actor, "postmortem.created", ENTITY, saved.id, null,
                                            saved))
                                    .map(saved -> new Details(saved, incident, List.of()));
                        });
            });
        });
    }

    @WithSession
    public Uni<Details> get(UUID id, Caller caller) {
        return visible(id, caller);
    }

    @WithSession
    public Uni<Details> ofIncident(UUID incidentId, Caller caller) {
        return incidents.get(incidentId, caller).flatMap(incident -> Postmortem.<Postmortem>find("incidentId",
                incident.id).firstResult().flatMap(p -> {
            if (p == null) {
                throw new NotFoundException("the incident has no post-mortem yet; POST /api/v1/incidents/"
                        + incidentId + "/postmortem starts one");
            }
            return details(p, incident);
        }));
    }

    /** The post-incident report's facts, for whoever may read the post-mortem. */
    @WithSession
    public Uni<PostmortemReport.Facts> report(UUID id, Caller caller) {
        return visible(id, caller).flatMap(d -> {
            List<UUID> owners = d.actionItems().stream().map(a -> a.ownerId).filter(o -> o != null).distinct().toList();
            Uni<Map<UUID, String>> names = owners.isEmpty() ? Uni.createFrom().item(Map.of())
                    : users.list("id in ?1", owners).map(found -> {
                        Map<UUID, String> byId = new LinkedHashMap<>();
                        found.forEach(u -> byId.put(u.id, u.displayName + " (@" + u.handle + ")"));
                        return byId;
                    });
            return names.flatMap(owner -> SeverityPolicy.<SeverityPolicy>findById(d.incident().peakSeverity)
                    .map(policy -> facts(d, owner, policy)));
        });
    }

    private PostmortemReport.Facts facts(Details d, Map<UUID, String> owners, SeverityPolicy policy) {
        Postmortem p = d.postmortem();
        Incident i = d.incident();
        List<PostmortemReport.Entry> entries = new ArrayList<>();
        for (JsonNode e : json.read(p.timeline)) {
            entries.add(new PostmortemReport.Entry(java.time.Instant.parse(e.path("at").asText()),
                    e.path("type").asText(), e.path("actor").isNull() ? null : e.path("actor").asText(null),
                    e.path("text").asText("")));
        }
        LocalDate today = today();
        List<PostmortemReport.Item> items = d.actionItems().stream().map(a -> new PostmortemReport.Item(a.title,
                a.ownerId == null ? null : owners.get(a.ownerId), a.dueDate, a.priority.name(), a.status.name(),
                PostmortemRules.isOverdue(a.status, a.dueDate, today))).toList();
        return new PostmortemReport.Facts(i.reference(), i.title, i.peakSeverity.name(), i.category,
                i.region.name(), i.status.name(), p.status.name(), i.declaredAt, i.acknowledgedAt, i.mitigatedAt,
                i.resolvedAt, i.closedAt, p.publishedAt, p.summary, p.impact, p.rootCause, p.contributingFactors,
                p.wentWell, p.wentWrong, entries, items, duration(p.timeToAcknowledgeSeconds),
                duration(p.timeToMitigateSeconds), duration(p.timeToResolveSeconds),
                policy != null && policy.pageOnDeclare ? policy.ackTimeout : null);
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    /** Edits the text while the post-mortem is not published. */
    @WithTransaction
    public Uni<Details> edit(UUID id, Edit edit, Caller actor) {
        return writable(id, actor).flatMap(d -> {
            Postmortem p = d.postmortem();
            if (p.status == PostmortemStatus.PUBLISHED) {
                throw (ConflictException) new ConflictException("a PUBLISHED post-mortem cannot be edited")
                        .with("currentStatus", p.status);
            }
            JsonNode before = audit.snapshot(p);
            if (edit.summary() != null) p.summary = edit.summary().strip();
            if (edit.impact() != null) p.impact = edit.impact().strip();
            if (edit.rootCause() != null) p.rootCause = edit.rootCause().strip();
            if (edit.contributingFactors() != null) p.contributingFactors = edit.contributingFactors().strip();
            if (edit.wentWell() != null) p.wentWell = edit.wentWell().strip();
            if (edit.wentWrong() != null) p.wentWrong = edit.wentWrong().strip();
            p.updatedAt = clock.instant();
            return audit.record(actor, "postmortem.edited", ENTITY, p.id, before, p).replaceWith(d);
        });
    }

    /**
     * Moves the post-mortem (409 for a move the flow forbids). Publishing needs the incident resolved
     * (409) and the spec's content (422 naming each missing field); it goes on the timeline and out to
     * webhooks as {@code postmortem.published}.
     */
    @WithTransaction
    public Uni<Details> changeStatus(UUID id, PostmortemStatus to, Caller actor) {
        return writable(id, actor).flatMap(d -> {
            Postmortem p = d.postmortem();
            Incident incident = d.incident();
            PostmortemRules.checkMove(p.status, to);
            JsonNode before = audit.snapshot(p);
            PostmortemStatus from = p.status;
            if (to != PostmortemStatus.PUBLISHED) {
                p.status = to;
                p.updatedAt = clock.instant();
                return audit.record(actor, "postmortem.status_changed", ENTITY, p.id, before, p).replaceWith(d);
            }
            if (incident.status != IncidentStatus.RESOLVED && incident.status != IncidentStatus.CLOSED) {
                throw (ConflictException) new ConflictException("the incident is " + incident.status
                        + "; a post-mortem is published once the incident is RESOLVED")
                        .with("incidentStatus", incident.status);
            }
            {
                boolean major = incident.peakSeverity == Severity.SEV1 || incident.peakSeverity == Severity.SEV2;
                List<FieldError> missing = PostmortemRules.missingToPublish(p.summary, p.impact, p.rootCause,
                        d.actionItems().size(), major);
                if (!missing.isEmpty()) {
                    throw new UnprocessableException("the post-mortem cannot be published yet: "
                            + String.join(", ", missing.stream().map(FieldError::field).toList())
                            + (missing.size() == 1 ? " is" : " are") + " missing", missing);
                }
                p.status = PostmortemStatus.PUBLISHED;
                p.publishedAt = clock.instant();
                p.updatedAt = p.publishedAt;
                return timeline.append(incident.id, TimelineType.POSTMORTEM_PUBLISHED, actor,
                                "Post-mortem published by @" + actor.handle() + " (was " + from + ")",
                                Timeline.data("postmortemId", p.id))
                        .call(e -> audit.record(actor, "postmortem.published", ENTITY, p.id, before, p))
                        .call(e -> notifier.announce(OutboundEvent.POSTMORTEM_PUBLISHED, incident, null))
                        .replaceWith(d);
            }
        });
    }

    @WithTransaction
    public Uni<ActionItem> addActionItem(UUID postmortemId, NewActionItem request, Caller actor) {
        return writable(postmortemId, actor).flatMap(d -> owner(request.ownerId(), "ownerId").flatMap(v -> {
            ActionItem item = new ActionItem();
            item.id = UUID.randomUUID();
            item.postmortemId = d.postmortem().id;
            item.incidentId = d.incident().id;
            item.title = request.title().strip();
            item.ownerId = request.ownerId();
            item.dueDate = request.dueDate();
            item.priority = request.priority() == null ? ActionItem.Priority.MEDIUM : request.priority();
            item.status = ActionItem.Status.OPEN;
            item.createdAt = clock.instant();
            item.updatedAt = item.createdAt;
            return item.<ActionItem>persist()
                    .call(saved -> audit.record(actor, "action_item.created", ACTION_ITEM, saved.id, null, saved));
        }));
    }

    /** Changes an action item: those who may run the incident may change anything; its owner too. */
    @WithTransaction
    public Uni<ActionItem> changeActionItem(UUID id, ActionItemChange change, Caller actor) {
        if (change.title() == null && change.ownerId() == null && change.dueDate() == null && change.priority() == null
                && change.status() == null) {
            throw ValidationException.of("body", "name at least one of title, ownerId, dueDate, priority, status");
        }
        return ActionItem.<ActionItem>findById(id).flatMap(item -> {
            if (item == null) {
                throw NotFoundException.of("action item", id);
            }
            return incidents.get(item.incidentId, actor).onFailure(NotFoundException.class)
                    .transform(e -> NotFoundException.of("action item", id))
                    .flatMap(incident -> {
                        if (!IncidentAccess.canRun(actor, incident) && !actor.id().equals(item.ownerId)) {
                            throw new AccessDeniedException("changing an action item needs running its incident, "
                                    + "or owning the item");
                        }
                        return owner(change.ownerId(), "ownerId").flatMap(v -> {
                            JsonNode before = audit.snapshot(item);
                            if (change.title() != null) item.title = change.title().strip();
                            if (change.ownerId() != null) item.ownerId = change.ownerId();
                            if (change.dueDate() != null) item.dueDate = change.dueDate();
                            if (change.priority() != null) item.priority = change.priority();
                            if (change.status() != null && change.status() != item.status) {
                                item.status = change.status();
                                item.doneAt = change.status() == ActionItem.Status.DONE ? clock.instant() : null;
                            }
                            item.updatedAt = clock.instant();
                            return audit.record(actor, "action_item.changed", ACTION_ITEM, item.id, before, item)
                                    .replaceWith(item);
                        });
                    });
        });
    }

    /** Action items of incidents the caller may see, newest first, keyset-paged on (createdAt, id). */
    @WithSession
    public Uni<PageView<ActionItem>> actionItems(ActionItemQuery query, PageRequest request, Caller caller) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!caller.isAdmin()) {
            where.add("exists (select 1 from Incident i where i.id = a.incidentId and " + IncidentRepository.VISIBLE
                    + ")");
            params.and("me", caller.id());
        }
        if (query.status() != null) {
            where.add("a.status = :status");
            params.and("status", query.status());
        }
        if (query.ownerId() != null) {
            where.add("a.ownerId = :owner");
            params.and("owner", query.ownerId());
        }
        if (query.postmortemId() != null) {
            where.add("a.postmortemId = :postmortem");
            params.and("postmortem", query.postmortemId());
        }
        if (query.overdue() != null) {
            where.add(query.overdue() ? "(a.status <> :done and a.dueDate < :today)"
                    : "(a.status = :done or a.dueDate is null or a.dueDate >= :today)");
            params.and("done", ActionItem.Status.DONE).and("today", today());
        }
        if (request.cursor() != null) {
            where.add("(a.createdAt < :cAt or (a.createdAt = :cAt and a.id < :cId))");
            params.and("cAt", request.cursor().at()).and("cId", request.cursor().tieBreakerAsUuid());
        }
        String clause = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        return ActionItem.<ActionItem>find("from ActionItem a" + clause + " order by a.createdAt desc, a.id desc",
                        params).range(0, request.fetchSize() - 1).list()
                .map(rows -> request.page(rows, a -> Cursor.of(a.createdAt, a.id)));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ helpers

    private Uni<Details> visible(UUID id, Caller caller) {
        return Postmortem.<Postmortem>findById(id).flatMap(p -> {
            if (p == null) {
                throw NotFoundException.of("post-mortem", id);
            }
            return incidents.get(p.incidentId, caller).onFailure(NotFoundException.class)
                    .transform(e -> NotFoundException.of("post-mortem", id))
                    .flatMap(incident -> details(p, incident));
        });
    }

    private Uni<Details> writable(UUID id, Caller actor) {
        return visible(id, actor).map(d -> {
            if (!IncidentAccess.canRun(actor, d.incident())) {
                throw new AccessDeniedException("changing a post-mortem needs COMMANDER, MANAGER or ADMIN, or being "
                        + "the incident's commander");
            }
            return d;
        });
    }

    private Uni<Incident> runnable(UUID incidentId, Caller actor) {
        return incidents.get(incidentId, actor).map(incident -> {
            if (!IncidentAccess.canRun(actor, incident)) {
                throw new AccessDeniedException("starting a post-mortem needs COMMANDER, MANAGER or ADMIN, or being "
                        + "the incident's commander");
            }
            return incident;
        });
    }

    private Uni<Details> details(Postmortem p, Incident incident) {
        return ActionItem.<ActionItem>list("postmortemId = ?1 order by createdAt, id", p.id)
                .map(items -> new Details(p, incident, items));
    }

    private Uni<Void> owner(UUID ownerId, String field) {
        return ownerId == null ? Uni.createFrom().voidItem()
                : users.activeOrInvalid(ownerId, field).replaceWithVoid();
    }

    private static String impactPlaceholder(Incident incident) {
        return incident.severity + " " + incident.category + " incident in " + incident.region
                + ". Describe who was affected, how many, for how long, and what harm resulted.";
    }

    private static List<Map<String, Object>> frozen(List<TimelineEntry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TimelineEntry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", e.at.toString());
            entry.put("type", e.type.name());
            entry.put("actor", e.actorHandle);
            entry.put("text", e.text);
            out.add(entry);
        }
        return out;
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
