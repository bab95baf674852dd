package io.vigil.postmortem.api;

import io.vigil.common.security.UserRef;
import io.vigil.postmortem.ActionItem;
import io.vigil.postmortem.PostmortemRules;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** An action item as the API shows it, with its owner and whether it is overdue today (UTC). */
public record ActionItemView(UUID id, UUID postmortemId, UUID incidentId, String title, UUID ownerId, UserRef owner,
                             LocalDate dueDate, ActionItem.Priority priority, ActionItem.Status status,
                             boolean overdue, Instant createdAt, Instant updatedAt, Instant doneAt) {

    public static ActionItemView of(ActionItem a, Map<UUID, UserRef> people, LocalDate today) {
        return new ActionItemView(a.id, a.postmortemId, a.incidentId, a.title, a.ownerId,
                a.ownerId == null ? null : people.get(a.ownerId), a.dueDate, a.priority, a.status,
                PostmortemRules.isOverdue(a.status, a.dueDate, today), a.createdAt, a.updatedAt, a.doneAt);
    }
}
