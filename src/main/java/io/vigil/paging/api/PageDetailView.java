package io.vigil.paging.api;

import io.vigil.common.security.UserRef;
import io.vigil.paging.PageNotification;
import io.vigil.paging.PageService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page as the API shows it (spec §3). {@code level} and {@code round} count from 1;
 * {@code nextEscalationAt} is set only while TRIGGERED.
 */
public record PageDetailView(UUID id, UUID incidentId, String incidentReference, String status, String origin,
                             UUID policyId, int level, int round, String message, UserRef triggeredBy,
                             Instant triggeredAt, Instant nextEscalationAt, UserRef acknowledgedBy,
                             Instant acknowledgedAt, List<NotificationView> notifications) {

    /** One person notified at one step over one channel. */
    public record NotificationView(UUID userId, String handle, String channel, int level, int round, Instant dueAt,
                                   Instant sentAt, String status, Instant deliveredAt) {
    }

    public static PageDetailView of(PageService.Details d, Map<UUID, UserRef> people) {
        var p = d.page();
        return new PageDetailView(p.id, p.incidentId, d.incident().reference(), p.status.name(), p.origin.name(),
                p.policyId, p.level + 1, p.round + 1, p.message, ref(p.triggeredBy, people), p.triggeredAt,
                p.nextEscalationAt, ref(p.acknowledgedBy, people), p.acknowledgedAt,
                d.notifications().stream().map(n -> notification(n, people)).toList());
    }

    /** The view of one page, with the people it names looked up. */
    public static io.smallrye.mutiny.Uni<PageDetailView> render(PageService.Details details,
                                                               io.vigil.user.UserService users) {
        return users.refs(people(List.of(details))).map(people -> of(details, people));
    }

    /** Everyone a view of these pages names. */
    public static List<UUID> people(List<PageService.Details> pages) {
        return pages.stream().flatMap(d -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(d.page().triggeredBy, d.page().acknowledgedBy),
                        d.notifications().stream().map(n -> n.userId)))
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    private static NotificationView notification(PageNotification n, Map<UUID, UserRef> people) {
        UserRef user = people.get(n.userId);
        return new NotificationView(n.userId, user == null ? null : user.handle(), n.channel, n.level + 1, n.round + 1,
                n.dueAt, n.sentAt, n.status.name(), n.deliveredAt);
    }

    private static UserRef ref(UUID id, Map<UUID, UserRef> people) {
        return id == null ? null : people.getOrDefault(id, new UserRef(id, null, null));
    }
}
