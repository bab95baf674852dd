package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.AccessDeniedException;
import io.vigil.common.problem.AuthenticationRequiredException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.security.Caller;
import io.vigil.common.security.TokenHasher;
import io.vigil.user.User;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Calendar feeds ({@code .ics}) of who is on call, per region and per user, from a week ago to
 * eight weeks ahead. Calendar apps cannot send headers, so a feed is authorised by a per-user
 * secret in its URL; issuing a new one replaces the old, and it can be revoked.
 */
@ApplicationScoped
public class CalendarService {

    static final Duration PAST = Duration.ofDays(7);
    static final Duration AHEAD = Duration.ofDays(56);

    @Inject
    UserRepository users;

    @Inject
    OnCallService oncall;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Issues a feed secret for {@code userId} (the user themself or an ADMIN), replacing any earlier one. */
    @WithTransaction
    public Uni<String> issue(UUID userId, Caller actor) {
        return owner(userId, actor).flatMap(user -> CalendarToken.<CalendarToken>findById(userId).flatMap(existing -> {
            String secret = TokenHasher.newToken();
            Uni<Void> removed = existing == null ? Uni.createFrom().voidItem()
                    : existing.delete().call(() -> CalendarToken.getSession().flatMap(s -> s.flush()));
            return removed.flatMap(v -> {
                CalendarToken token = new CalendarToken();
                token.userId = userId;
                token.tokenHash = TokenHasher.hash(secret);
                token.createdAt = clock.instant();
                return token.<CalendarToken>persist()
                        .call(saved -> audit.record(actor, "calendar_token.issued", "calendar_token", userId,
                                existing == null ? null : audit.snapshot(existing), saved))
                        .replaceWith(secret);
            });
        }));
    }

    @WithTransaction
    public Uni<Void> revoke(UUID userId, Caller actor) {
        return owner(userId, actor).flatMap(user -> CalendarToken.<CalendarToken>findById(userId)).flatMap(existing -> {
            if (existing == null) {
                return Uni.createFrom().voidItem();
            }
            var before = audit.snapshot(existing);
            return existing.delete().call(() -> audit.record(actor, "calendar_token.revoked", "calendar_token", userId,
                    before, null));
        });
    }

    /** The feed of one region: PRIMARY and SECONDARY shifts. Any valid feed secret may read it. */
    @WithSession
    public Uni<String> regionFeed(Region region, String secret) {
        return holderOf(secret).flatMap(reader -> feed(region + " on-call",
                (board, range) -> events(board, range, region, null)));
    }

    /** The feed of one user's shifts in every region; only that user's own secret opens it. */
    @WithSession
    public Uni<String> userFeed(UUID userId, String secret) {
        return holderOf(secret).flatMap(reader -> {
            if (!reader.equals(userId)) {
                throw NotFoundException.of("calendar", userId);
            }
            return feed("My on-call shifts", (board, range) -> {
                List<IcsCalendar.Event> mine = new ArrayList<>();
                for (Region region : Region.values()) {
                    mine.addAll(events(board, range, region, userId));
                }
                mine.sort(java.util.Comparator.comparing(e -> e.interval().start()));
                return mine;
            });
        });
    }

    private interface EventSource {
        List<IcsCalendar.Event> events(OnCallBoard board, Interval range);
    }

    private Uni<String> feed(String name, EventSource source) {
        Instant now = clock.instant();
        Interval range = new Interval(now.minus(PAST), now.plus(AHEAD));
        return oncall.boardFor(range).flatMap(board -> {
            List<IcsCalendar.Event> events = source.events(board, range);
            return names(events).map(handles -> IcsCalendar.render(name, events.stream()
                    .map(e -> new IcsCalendar.Event(e.uid(), e.summary().replace("{user}",
                            handles.getOrDefault(userOf(e), "someone")), e.description(), e.interval())).toList(), now));
        });
    }

    private static List<IcsCalendar.Event> events(OnCallBoard board, Interval range, Region region, UUID only) {
        List<IcsCalendar.Event> events = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            for (LayerSchedule.Segment segment : board.segments(region, layer, range)) {
                if (only != null && !only.equals(segment.userId())) {
                    continue;
                }
                String uid = region + "-" + layer + "-" + segment.interval().start().getEpochSecond() + "-"
                        + segment.userId() + "@vigil";
                events.add(new IcsCalendar.Event(uid, region + " " + layer + ": {user}",
                        (segment.override() ? "Override. " : "") + "On call for " + region + " " + layer
                                + " (user " + segment.userId() + ")", segment.interval()));
            }
        }
        return events;
    }

    private static String userOf(IcsCalendar.Event event) {
        // the UID ends in "<user UUID, 36 characters>@vigil"
        String uid = event.uid();
        int end = uid.length() - "@vigil".length();
        return uid.substring(end - 36, end);
    }

    private Uni<Map<String, String>> names(List<IcsCalendar.Event> events) {
        List<UUID> ids = events.stream().map(e -> UUID.fromString(userOf(e))).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return users.list("id in ?1", ids).map(found -> found.stream()
                .collect(Collectors.toMap(u -> u.id.toString(), u -> "@" + u.handle, (a, b) -> a)));
    }

    private Uni<UUID> holderOf(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new AuthenticationRequiredException("calendar feeds need ?token=<calendar token>");
        }
        return CalendarToken.<CalendarToken>find("tokenHash", TokenHasher.hash(secret.trim())).<CalendarToken>firstResult()
                .map(token -> {
                    if (token == null) {
                        throw new AuthenticationRequiredException("the calendar token is unknown or was replaced");
                    }
                    return token.userId;
                });
    }

    private Uni<User> owner(UUID userId, Caller actor) {
        return users.findById(userId).map(user -> {
            if (user == null) {
                throw NotFoundException.of("user", userId);
            }
            if (!actor.isAdmin() && !actor.id().equals(userId)) {
                throw new AccessDeniedException("only the user themself or an ADMIN may manage a calendar token");
            }
            return user;
        });
    }
}
