package io.vigil.paging;

import static io.vigil.timeline.Timeline.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vigil.common.persistence.DatabaseOutage;
import io.vigil.common.security.Caller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentParticipant;
import io.vigil.incident.IncidentRepository;
import io.vigil.incident.ParticipantRepository;
import io.vigil.notification.NotificationChannel;
import io.vigil.notification.NotificationSummary;
import io.vigil.notification.Notifier;
import io.vigil.notification.OutboundEvent;
import io.vigil.notification.PageSummary;
import io.vigil.notification.IncidentSummary;
import io.vigil.notification.Person;
import io.vigil.oncall.OnCallService;
import io.vigil.oncall.Region;
import io.vigil.oncall.RegionService;
import io.vigil.oncall.RegionSettings;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineType;
import io.vigil.user.User;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs pages up their ladders. Every step happens in one transaction holding the page row's lock:
 * it re-reads the row, acts only if the step is really due, notifies the level's people (one
 * notification per person and channel, unique in the database), writes the timeline and moves the
 * deadline. Deadlines are woken by Quartz ({@link DeadlineScheduler}) on time, and by a sweep on
 * every instance that catches anything overdue by more than a grace period — a trigger lost in a
 * crash, or one held by an instance that was killed. Either path may run twice; the lock and the
 * due check make the second a no-op.
 */
@ApplicationScoped
public class EscalationEngine {

    private static final Logger LOG = Logger.getLogger(EscalationEngine.class);
    /** Used when neither the level nor the severity has an ack timeout (a manual page on a SEV4). */
    public static final Duration FALLBACK_ACK_TIMEOUT = Duration.ofMinutes(30);
    /** The channel recorded when no channel could reach a person. */
    public static final String NO_CHANNEL = "NONE";

    @Inject
    OnCallService onCall;

    @Inject
    RegionService regions;

    @Inject
    UserRepository users;

    @Inject
    IncidentRepository incidents;

    @Inject
    ParticipantRepository participants;

    @Inject
    Notifier notifier;

    @Inject
    Timeline timeline;

    @Inject
    DeadlineScheduler deadlines;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "oncall.paging.sweep-interval", defaultValue = "PT1S")
    Duration sweepInterval;

    @ConfigProperty(name = "oncall.paging.sweep-grace", defaultValue = "PT2S")
    Duration sweepGrace;

    private ScheduledExecutorService sweeper;
    private Timer lateness;
    private Counter notificationsSent;
    private Counter exhausted;

    void start(@Observes StartupEvent event) {
        lateness = Timer.builder("vigil.escalation.lateness").description("fired minus deadline")
                .publishPercentiles(0.5, 0.99).register(metrics);
        notificationsSent = metrics.counter("vigil.page.notifications");
        exhausted = metrics.counter("vigil.page.exhausted");
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-escalation-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                runDue(sweepGrace);
            } catch (RuntimeException e) {
                DatabaseOutage.log(LOG, Logger.Level.WARN, e, "escalation sweep failed; retrying in %s", sweepInterval);
            }
        }, sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        sweeper.shutdown();
        sweeper.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Stores a new page and notifies its first level, in the caller's transaction. */
    Uni<Page> start(Page page, Incident incident, EscalationRules rules) {
        Instant now = clock.instant();
        page.status = PageStatus.TRIGGERED;
        page.triggeredAt = now;
        page.updatedAt = now;
        page.rules = write(rules);
        if (page.severityTimeout == null) {
            page.severityTimeout = FALLBACK_ACK_TIMEOUT;
        }
        Escalation.Step first = Escalation.first(rules, now, page.severityTimeout);
        page.level = first.level();
        page.round = first.round();
        page.stepDueAt = first.dueAt();
        page.nextEscalationAt = first.deadline();
        return page.<Page>persist().call(saved -> climb(saved, incident, rules, first, now));
    }

    /** Escalates {@code pageId} if its deadline passed; blocking, for Quartz jobs and the sweep. */
    public void fire(UUID pageId) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> advance(pageId)));
        } catch (Throwable e) {
            throw new IllegalStateException("escalating page " + pageId + " failed", e);
        }
    }

    /** Escalates every page overdue by more than {@code grace}; blocking. Returns how many were due. */
    public int runDue(Duration grace) {
        List<UUID> due;
        try {
            due = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .flatMap(session -> session.createSelectionQuery("select p.id from Page p where p.status = :s "
                                    + "and p.nextEscalationAt <= :t order by p.nextEscalationAt", UUID.class)
                            .setParameter("s", PageStatus.TRIGGERED)
                            .setParameter("t", clock.instant().minus(grace))
                            .setMaxResults(200).getResultList())));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot list due pages", e);
        }
        for (UUID pageId : due) {
            try {
                fire(pageId);
            } catch (RuntimeException e) {
                DatabaseOutage.log(LOG, Logger.Level.WARN, e, "escalating page %s failed; retrying on the next sweep",
                        pageId);
            }
        }
        return due.size();
    }

    /** The step after the current one, if the page is TRIGGERED and its deadline passed. */
    Uni<Void> advance(UUID pageId) {
        return Page.<Page>findById(pageId, LockModeType.PESSIMISTIC_WRITE).flatMap(page -> {
            Instant now = clock.instant();
            if (page == null || page.status != PageStatus.TRIGGERED || page.nextEscalationAt.isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            lateness.record(Duration.between(page.nextEscalationAt, now));
            return incidents.findById(page.incidentId).flatMap(incident -> {
                EscalationRules rules = rules(page);
                Optional<Escalation.Step> next = Escalation.next(rules, page.step(), page.severityTimeout);
                return next.isPresent() ? climb(page, incident, rules, next.get(), now) : exhaust(page, incident, now);
            });
        });
    }

    /**
     * Moves a TRIGGERED page to its next step now, because someone asked: the current step counts as
     * timed out at {@code now}. The caller holds the page's lock and its transaction.
     */
    Uni<Void> escalateNow(Page page, Incident incident, Instant now) {
        page.nextEscalationAt = now;
        EscalationRules rules = rules(page);
        Optional<Escalation.Step> next = Escalation.next(rules, page.step(), page.severityTimeout);
        return next.isPresent() ? climb(page, incident, rules, next.get(), now) : exhaust(page, incident, now);
    }

    /**
     * Notifies the people of {@code step}. A level that names nobody right now (an empty rotation, no
     * manager set) is recorded loudly and passed at once instead of wasting its timeout.
     */
    private Uni<Void> climb(Page page, Incident incident, EscalationRules rules, Escalation.Step step, Instant now) {
        EscalationRules.Level level = rules.levels().get(step.level());
        return people(level.targets(), now).flatMap(persons -> {
            if (persons.isEmpty()) {
                Escalation.Step passed = new Escalation.Step(step.level(), step.round(), step.dueAt(), step.dueAt());
                Optional<Escalation.Step> next = Escalation.next(rules, passed, page.severityTimeout);
                return timeline.append(incident.id, TimelineType.DELIVERY_FAILED, null,
                                "Nobody to page at level " + (step.level() + 1) + " (" + describe(level.targets())
                                        + "): nobody holds that role right now. Moving on.",
                                data("pageId", page.id, "level", step.level() + 1, "round", step.round() + 1,
                                        "reason", "NOBODY_AT_LEVEL"))
                        .flatMap(e -> next.isPresent() ? climb(page, incident, rules, next.get(), now)
                                : exhaust(page, incident, now));
            }
            page.level = step.level();
            page.round = step.round();
            page.stepDueAt = step.dueAt();
            page.nextEscalationAt = step.deadline();
            page.updatedAt = now;
            boolean first = step.level() == 0 && step.round() == 0;
            String type = first ? OutboundEvent.PAGE_TRIGGERED : OutboundEvent.PAGE_ESCALATED;
            PageSummary summary = summary(page, persons);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Person person : persons) {
                chain = chain.flatMap(v -> notifyPerson(page, incident, person, step, type, summary, now));
            }
            String who = persons.stream().map(p -> "@" + p.handle()).collect(Collectors.joining(", "));
            return chain.flatMap(v -> timeline.append(incident.id,
                            first ? TimelineType.PAGE_TRIGGERED : TimelineType.PAGE_ESCALATED, null,
                            (first ? "Paged " : "Escalated to ") + who + " — level " + (step.level() + 1) + " of "
                                    + rules.levels().size() + ", round " + (step.round() + 1) + " of "
                                    + (rules.repeat() + 1) + "; escalates at " + step.deadline()
                                    + " unless acknowledged",
                            data("pageId", page.id, "level", step.level() + 1, "round", step.round() + 1,
                                    "userIds", persons.stream().map(Person::id).toList(),
                                    "nextEscalationAt", step.deadline())))
                    .invoke(e -> deadlines.arm(page.id, step.level(), step.round(), step.deadline()))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> notifyPerson(Page page, Incident incident, Person person, Escalation.Step step, String type,
                                   PageSummary summary, Instant now) {
        Uni<Boolean> reached = admit(page, incident, person, step, now).replaceWith(false);
        for (NotificationChannel channel : notifier.channels()) {
            reached = reached.flatMap(any -> channel.reaches(person, type).flatMap(yes -> {
                if (!yes) {
                    return Uni.createFrom().item(any);
                }
                PageNotification notification = notification(page, person, step, channel.name(), now,
                        PageNotification.Status.PENDING);
                OutboundEvent event = new OutboundEvent(notification.id, type, now, IncidentSummary.of(incident), summary,
                        new NotificationSummary(notification.id, person, step.level() + 1, step.round() + 1,
                                channel.name(), step.dueAt(), now));
                notificationsSent.increment();
                return notification.persist().flatMap(n -> channel.enqueue(event)).replaceWith(true);
            }));
        }
        return reached.flatMap(any -> {
            if (any) {
                return Uni.createFrom().voidItem();
            }
            return notification(page, person, step, NO_CHANNEL, now, PageNotification.Status.UNREACHABLE).persist()
                    .flatMap(n -> timeline.append(incident.id, TimelineType.DELIVERY_FAILED, null,
                            "@" + person.handle() + " cannot be reached: no notification channel takes page "
                                    + "notifications (add a webhook subscription or connect Slack)",
                            data("pageId", page.id, "userId", person.id(), "level", step.level() + 1,
                                    "reason", "NO_CHANNEL")))
                    .replaceWithVoid();
        });
    }

    /**
     * Someone paged for a restricted incident must be able to see and acknowledge it: they become a
     * participant (once), and the timeline says why.
     */
    private Uni<Void> admit(Page page, Incident incident, Person person, Escalation.Step step, Instant now) {
        if (!incident.restricted) {
            return Uni.createFrom().voidItem();
        }
        return participants.find(incident.id, person.id()).flatMap(existing -> {
            if (existing != null || person.id().equals(incident.declaredBy) || person.id().equals(incident.commanderId)) {
                return Uni.createFrom().voidItem();
            }
            IncidentParticipant participant = new IncidentParticipant();
            participant.id = UUID.randomUUID();
            participant.incidentId = incident.id;
            participant.userId = person.id();
            participant.addedAt = now;
            return participants.persist(participant).flatMap(p -> timeline.append(incident.id,
                    TimelineType.PARTICIPANT_ADDED, null, "@" + person.handle() + " joined the incident: paged at level "
                            + (step.level() + 1) + " of this restricted incident",
                    data("userId", person.id(), "handle", person.handle(), "pageId", page.id, "reason", "PAGED")))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> exhaust(Page page, Incident incident, Instant now) {
        EscalationRules rules = rules(page);
        page.status = PageStatus.EXHAUSTED;
        page.nextEscalationAt = null;
        page.updatedAt = now;
        exhausted.increment();
        LOG.warnf("page %s of %s is EXHAUSTED: nobody acknowledged", page.id, incident.reference());
        return timeline.append(incident.id, TimelineType.PAGE_EXHAUSTED, null,
                        "PAGE EXHAUSTED — nobody acknowledged after all " + rules.levels().size() + " levels"
                                + (rules.repeat() > 0 ? " and " + rules.repeat() + " repeats" : "")
                                + ". Nobody is responding: page someone by hand now.",
                        data("pageId", page.id))
                .flatMap(e -> notifier.announce(OutboundEvent.PAGE_EXHAUSTED, incident, summary(page, List.of())));
    }

    /** Everyone the targets name right now, active users only, in target order. */
    private Uni<List<Person>> people(List<EscalationTarget> targets, Instant now) {
        return onCall.onCallAt(now).flatMap(answer -> regions.list().flatMap(all -> regions.dutyLead().flatMap(lead -> {
            Map<Region, UUID> managers = new EnumMap<>(Region.class);
            for (RegionSettings region : all) {
                if (region.managerId != null) {
                    managers.put(region.code, region.managerId);
                }
            }
            List<UUID> ids = TargetResolver.resolve(targets, answer, managers, lead == null ? null : lead.userId);
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<Person>of());
            }
            return users.list("id in ?1 and active = true", ids).map(found -> {
                Map<UUID, User> byId = found.stream().collect(Collectors.toMap(u -> u.id, u -> u));
                List<Person> persons = new ArrayList<>();
                for (UUID id : ids) {
                    if (byId.containsKey(id)) {
                        persons.add(Person.of(byId.get(id)));
                    }
                }
                return persons;
            });
        })));
    }

    PageSummary summary(Page page, List<Person> notified) {
        return new PageSummary(page.id, page.status.name(), page.level + 1, page.round + 1, notified,
                page.nextEscalationAt, page.acknowledgedBy, page.acknowledgedAt, page.message);
    }

    EscalationRules rules(Page page) {
        try {
            return mapper.readValue(page.rules, EscalationRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ladder of page " + page.id + " is unreadable", e);
        }
    }

    String write(EscalationRules rules) {
        try {
            return mapper.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ladder not serialisable", e);
        }
    }

    private static PageNotification notification(Page page, Person person, Escalation.Step step, String channel,
                                                 Instant now, PageNotification.Status status) {
        PageNotification n = new PageNotification();
        n.id = UUID.randomUUID();
        n.pageId = page.id;
        n.incidentId = page.incidentId;
        n.level = step.level();
        n.round = step.round();
        n.userId = person.id();
        n.channel = channel;
        n.dueAt = step.dueAt();
        n.sentAt = now;
        n.status = status;
        return n;
    }

    static String describe(List<EscalationTarget> targets) {
        return targets.stream().map(t -> t.type() + (t.region() != null ? " " + t.region() : "")
                + (t.userId() != null ? " " + t.userId() : "")).collect(Collectors.joining(", "));
    }

    /** For {@link PageService}: who a caller is, when one starts a page (null for the system). */
    static UUID idOf(Caller caller) {
        return caller == null ? null : caller.id();
    }
}
