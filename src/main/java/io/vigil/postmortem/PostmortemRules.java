package io.vigil.postmortem;

import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The post-mortem's rules as pure decisions: its status flow (DRAFT → IN_REVIEW → PUBLISHED, and back
 * from review to draft), what publishing needs, its key durations, and when it — or an action item —
 * is overdue.
 */
public final class PostmortemRules {

    private static final Map<PostmortemStatus, List<PostmortemStatus>> MOVES = Map.of(
            PostmortemStatus.DRAFT, List.of(PostmortemStatus.IN_REVIEW),
            PostmortemStatus.IN_REVIEW, List.of(PostmortemStatus.DRAFT, PostmortemStatus.PUBLISHED),
            PostmortemStatus.PUBLISHED, List.of());

    /** How long each phase of the incident took, from its declaration; null where it has not happened. */
    public record KeyDurations(Duration timeToAcknowledge, Duration timeToMitigate, Duration timeToResolve) {
    }

    private PostmortemRules() {
    }

    public static List<PostmortemStatus> allowedFrom(PostmortemStatus from) {
        return MOVES.get(from);
    }

    /** Throws a 409 naming the allowed moves unless {@code from → to} is one. */
    public static void checkMove(PostmortemStatus from, PostmortemStatus to) {
        if (!MOVES.get(from).contains(to)) {
            List<PostmortemStatus> allowed = allowedFrom(from);
            throw (ConflictException) new ConflictException("cannot move a post-mortem from " + from + " to " + to
                    + (allowed.isEmpty() ? "; " + from + " is final" : "; allowed moves: " + allowed))
                    .with("currentStatus", from).with("allowed", allowed);
        }
    }

    /**
     * What publishing still needs (spec §2): a summary, the impact and the root cause, and — when the
     * incident was ever SEV1 or SEV2 — at least one action item. Empty when it may be published.
     */
    public static List<FieldError> missingToPublish(String summary, String impact, String rootCause,
                                                    long actionItems, boolean actionItemRequired) {
        List<FieldError> missing = new ArrayList<>();
        if (blank(summary)) {
            missing.add(new FieldError("summary", "is required to publish"));
        }
        if (blank(impact)) {
            missing.add(new FieldError("impact", "is required to publish"));
        }
        if (blank(rootCause)) {
            missing.add(new FieldError("rootCause", "is required to publish"));
        }
        if (actionItemRequired && actionItems == 0) {
            missing.add(new FieldError("actionItems", "a SEV1/SEV2 post-mortem needs at least one action item"));
        }
        return missing;
    }

    public static KeyDurations durations(Instant declaredAt, Instant acknowledgedAt, Instant mitigatedAt,
                                         Instant resolvedAt) {
        return new KeyDurations(between(declaredAt, acknowledgedAt), between(declaredAt, mitigatedAt),
                between(declaredAt, resolvedAt));
    }

    /** When the post-mortem should be published: {@code dueAfter} after the incident was resolved. */
    public static Instant dueAt(Instant resolvedAt, Duration dueAfter) {
        return resolvedAt == null ? null : resolvedAt.plus(dueAfter);
    }

    public static boolean isOverdue(PostmortemStatus status, Instant resolvedAt, Duration dueAfter, Instant now) {
        Instant due = dueAt(resolvedAt, dueAfter);
        return status != PostmortemStatus.PUBLISHED && due != null && now.isAfter(due);
    }

    /** An action item is overdue once its due date has passed (in UTC) and it is not done. */
    public static boolean isOverdue(ActionItem.Status status, LocalDate dueDate, LocalDate today) {
        return status != ActionItem.Status.DONE && dueDate != null && dueDate.isBefore(today);
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
