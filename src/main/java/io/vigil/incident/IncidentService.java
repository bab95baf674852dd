package io.vigil.incident;

import static io.vigil.timeline.Timeline.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.paging.Cursor;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.AccessDeniedException;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineEntry;
import io.vigil.timeline.TimelineType;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The incident core: declaring, reading and running incidents. Every change goes through here,
 * writes a typed timeline entry and an audit entry in the same transaction, and is checked
 * against {@link IncidentAccess} (a restricted incident the caller may not see is a 404) and
 * {@link IncidentLifecycle}.
 */
@ApplicationScoped
public class IncidentService {

    public static final String ENTITY = "incident";

    @Inject
    IncidentRepository incidents;

    @Inject
    ParticipantRepository participants;

    @Inject
    CategoryService categories;

    @Inject
    SeverityPolicyRepository severityPolicies;

    @Inject
    UserRepository users;

    @Inject
    PublishedPostmortems postmortems;

    @Inject
    Timeline timeline;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @Any
    Instance<IncidentChanges> reactions;

    private volatile List<IncidentChanges> orderedReactions;

    /**
     * Declares an incident. The {@code INC-<n>} number is drawn before the transaction opens: it comes
     * from the pool on its own connection, and asking for a second connection while holding one could
     * exhaust the pool under load. A declaration that then fails leaves a gap, which references allow.
     */
    public Uni<Incident> declare(DeclareIncident request, Caller actor) {
        if (!IncidentAccess.canDeclare(actor)) {
            throw new AccessDeniedException("declaring an incident needs RESPONDER, COMMANDER, MANAGER or ADMIN");
        }
        return incidents.nextNumber().flatMap(number -> Panache.withTransaction(() ->
                categories.rule(request.category()).flatMap(category -> {
                    if (category == null) {
                        throw ValidationException.of("category", "unknown category '" + request.category()
                                + "'; GET /api/v1/categories lists them");
                    }
                    boolean restricted = request.restricted() != null ? request.restricted()
                            : category.restrictedByDefault();
                    if (!restricted && category.restrictedByDefault() && !actor.isAdmin()) {
                        throw new AccessDeniedException(category.code() + " incidents are restricted; only an ADMIN "
                                + "may declare one unrestricted");
                    }
                    Instant now = clock.instant();
                    Incident incident = new Incident();
                    incident.id = UUID.randomUUID();
                    incident.number = number;
                    incident.title = request.title().strip();
                    incident.summary = request.summary() == null ? null : request.summary().strip();
                    incident.category = category.code();
                    incident.severity = request.severity();
                    incident.peakSeverity = request.severity();
                    incident.region = request.region();
                    incident.status = IncidentStatus.DECLARED;
                    incident.restricted = restricted;
                    incident.declaredBy = actor.id();
                    incident.declaredAt = now;
                    incident.updatedAt = now;
                    return incidents.persist(incident)
                            .call(saved -> timeline.append(saved.id, TimelineType.DECLARED, actor,
                                    "Declared " + saved.severity + " " + saved.category + " in " + saved.region
                                            + ": " + saved.title,
                                    data("severity", saved.severity, "category", saved.category,
                                            "region", saved.region, "restricted", saved.restricted)))
                            .call(saved -> audit.record(actor, "incident.declared", ENTITY, saved.id, null, saved))
                            .call(saved -> react(r -> r.declared(saved, actor)));
                })));
    }

    @WithSession
    public Uni<Incident> get(UUID id, Caller caller) {
        return visible(id, caller);
    }

    @WithSession
    public Uni<PageView<Incident>> list(IncidentQuery query, PageRequest page, Caller caller) {
        return incidents.search(query, caller, page).map(rows -> page.page(rows, i -> Cursor.of(i.declaredAt, i.id)));
    }

    @WithSession
    public Uni<IncidentCounts> count(IncidentQuery query, Caller caller) {
        return incidents.countByStatusAndSeverity(query, caller).map(rows -> {
            Map<IncidentStatus, Long> byStatus = new EnumMap<>(IncidentStatus.class);
            Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
            long total = 0;
            for (Object[] row : rows) {
                long n = ((Number) row[2]).longValue();
                byStatus.merge((IncidentStatus) row[0], n, Long::sum);
                bySeverity.merge((Severity) row[1], n, Long::sum);
                total += n;
            }
            return new IncidentCounts(total, byStatus, bySeverity);
        });
    }

    @WithTransaction
    public Uni<Incident> changeStatus(UUID id, IncidentStatus to, String reason, Caller actor) {
        // The peak severity decides: lowering a SEV1 to SEV3 does not dodge its post-mortem.
        return runnable(id, actor).flatMap(incident -> severityPolicies.findById(incident.peakSeverity).flatMap(policy -> {
            boolean required = policy != null && policy.postmortemRequired;
            Uni<Boolean> published = to == IncidentStatus.CLOSED && required
                    ? postmortems.isPublished(incident.id) : Uni.createFrom().item(false);
            return published.flatMap(isPublished -> {
                IncidentLifecycle.check(incident.status, to, reason, required, isPublished);
                JsonNode before = audit.snapshot(incident);
                IncidentStatus from = incident.status;
                String why = reason == null || reason.isBlank() ? null : reason.strip();
                incident.moveTo(to, why, clock.instant());
                return timeline.append(incident.id, TimelineType.STATUS_CHANGED, actor,
                                "Status " + from + " → " + to + (why == null ? "" : ": " + why),
                                data("from", from, "to", to, "reason", why))
                        .call(e -> audit.record(actor, "incident.status_changed", ENTITY, incident.id, before, incident))
                        .call(e -> react(r -> r.statusChanged(incident, from, why, actor)))
                        .replaceWith(incident);
            });
        }));
    }

    @WithTransaction
    public Uni<Incident> changeSeverity(UUID id, Severity to, String reason, Caller actor) {
        return runnable(id, actor).flatMap(incident -> {
            requireNotTerminal(incident, "change the severity of");
            if (incident.severity == to) {
                return Uni.createFrom().item(incident);
            }
            JsonNode before = audit.snapshot(incident);
            Severity from = incident.severity;
            incident.changeSeverity(to, clock.instant());
            String why = reason.strip();
            return timeline.append(incident.id, TimelineType.SEVERITY_CHANGED, actor,
                            "Severity " + from + " → " + to + ": " + why, data("from", from, "to", to, "reason", why))
                    .call(e -> audit.record(actor, "incident.severity_changed", ENTITY, incident.id, before, incident))
                    .call(e -> react(r -> r.severityChanged(incident, from, why, actor)))
                    .replaceWith(incident);
        });
    }

    @WithTransaction
    public Uni<Incident> assignCommander(UUID id, UUID commanderId, Caller actor) {
        return runnable(id, actor).flatMap(incident -> {
            requireNotTerminal(incident, "change the commander of");
            return users.activeOrInvalid(commanderId, "userId").flatMap(commander -> {
                if (commander.id.equals(incident.commanderId)) {
                    return Uni.createFrom().item(incident);
                }
                JsonNode before = audit.snapshot(incident);
                UUID previous = incident.commanderId;
                incident.commanderId = commander.id;
                incident.updatedAt = clock.instant();
                return timeline.append(incident.id, TimelineType.COMMANDER_ASSIGNED, actor,
                                "Commander is now @" + commander.handle,
                                data("userId", commander.id, "handle", commander.handle, "previousUserId", previous))
                        .call(e -> audit.record(actor, "incident.commander_assigned", ENTITY, incident.id, before,
                                incident))
                        .call(e -> react(r -> r.commanderChanged(incident, actor)))
                        .replaceWith(incident);
            });
        });
    }

    @WithSession
    public Uni<List<IncidentParticipant>> participants(UUID id, Caller caller) {
        return visible(id, caller).flatMap(incident -> participants.ofIncident(incident.id));
    }

    /** Adds a participant; adding one who is already there changes nothing. */
    @WithTransaction
    public Uni<List<IncidentParticipant>> addParticipant(UUID id, UUID userId, Caller actor) {
        return runnable(id, actor).flatMap(incident -> users.activeOrInvalid(userId, "userId").flatMap(user ->
                participants.find(incident.id, user.id).flatMap(existing -> {
                    if (existing != null) {
                        return participants.ofIncident(incident.id);
                    }
                    IncidentParticipant p = new IncidentParticipant();
                    p.id = UUID.randomUUID();
                    p.incidentId = incident.id;
                    p.userId = user.id;
                    p.addedBy = actor.id();
                    p.addedAt = clock.instant();
                    return participants.persist(p)
                            .call(saved -> timeline.append(incident.id, TimelineType.PARTICIPANT_ADDED, actor,
                                    "@" + user.handle + " joined the incident",
                                    data("userId", user.id, "handle", user.handle)))
                            .call(saved -> audit.record(actor, "incident.participant_added", ENTITY, incident.id,
                                    null, saved))
                            .flatMap(saved -> participants.ofIncident(incident.id));
                })));
    }

    @WithTransaction
    public Uni<List<IncidentParticipant>> removeParticipant(UUID id, UUID userId, Caller actor) {
        return runnable(id, actor).flatMap(incident -> participants.find(incident.id, userId).flatMap(existing -> {
            if (existing == null) {
                throw NotFoundException.of("participant", userId);
            }
            return users.findById(userId).flatMap(user -> participants.delete(existing)
                    .call(() -> timeline.append(incident.id, TimelineType.PARTICIPANT_REMOVED, actor,
                            "@" + (user == null ? userId : user.handle) + " left the incident",
                            data("userId", userId)))
                    .call(() -> audit.record(actor, "incident.participant_removed", ENTITY, incident.id, existing,
                            null))
                    .flatMap(v -> participants.ofIncident(incident.id)));
        }));
    }

    @WithSession
    public Uni<PageView<TimelineEntry>> timeline(UUID id, PageRequest page, Caller caller) {
        return visible(id, caller).flatMap(incident -> timeline.page(incident.id, page));
    }

    /** Adds a note, optionally back-dated to when it happened; never future-dated. */
    @WithTransaction
    public Uni<TimelineEntry> addNote(UUID id, String text, Instant at, Caller actor) {
        Instant now = clock.instant();
        if (at != null && at.isAfter(now)) {
            throw ValidationException.of("at", "must not be in the future (now is " + now + ")");
        }
        return visible(id, actor).flatMap(incident -> (IncidentAccess.canNote(actor, incident, false)
                ? Uni.createFrom().item(true) : participants.isParticipant(incident.id, actor.id()))
                .flatMap(allowed -> {
                    if (!allowed) {
                        throw new AccessDeniedException("adding notes needs RESPONDER, COMMANDER, MANAGER or ADMIN, "
                                + "or being this incident's commander or a participant");
                    }
                    return timeline.append(incident.id, TimelineType.NOTE, actor, text.strip(), null, at)
                            .call(entry -> audit.record(actor, "incident.note_added", ENTITY, incident.id, null, entry));
                }));
    }

    /** Lets every {@link IncidentChanges} react, in order and one at a time (they share the transaction). */
    private Uni<Void> react(Function<IncidentChanges, Uni<Void>> reaction) {
        List<IncidentChanges> ordered = orderedReactions;
        if (ordered == null) {
            ordered = reactions.stream().sorted(Comparator.comparingInt(IncidentChanges::order)).toList();
            orderedReactions = ordered;
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (IncidentChanges r : ordered) {
            chain = chain.flatMap(v -> reaction.apply(r));
        }
        return chain;
    }

    /** The incident if the caller may see it; otherwise, and when it does not exist, a 404. */
    private Uni<Incident> visible(UUID id, Caller caller) {
        return incidents.findById(id).flatMap(incident -> {
            if (incident == null) {
                throw notFound(id);
            }
            if (IncidentAccess.canView(caller, incident, false)) {
                return Uni.createFrom().item(incident);
            }
            return participants.isParticipant(incident.id, caller.id()).map(isParticipant -> {
                if (!isParticipant) {
                    throw notFound(id);
                }
                return incident;
            });
        });
    }

    /** Visible and the caller may run it (else 404 / 403, in that order). */
    private Uni<Incident> runnable(UUID id, Caller caller) {
        return visible(id, caller).map(incident -> {
            if (!IncidentAccess.canRun(caller, incident)) {
                throw new AccessDeniedException("running an incident needs COMMANDER, MANAGER or ADMIN, "
                        + "or being its commander");
            }
            return incident;
        });
    }

    private static void requireNotTerminal(Incident incident, String action) {
        if (IncidentLifecycle.isTerminal(incident.status)) {
            throw (ConflictException) new ConflictException("cannot " + action + " a " + incident.status + " incident")
                    .with("currentStatus", incident.status);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("incident", id);
    }
}
