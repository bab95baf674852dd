package io.vigil.postmortem.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.security.UserRef;
import io.vigil.postmortem.Postmortem;
import io.vigil.postmortem.PostmortemRules;
import io.vigil.postmortem.PostmortemService;
import io.vigil.postmortem.PostmortemStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A post-mortem as the API shows it (spec §2): its text, the frozen timeline, key durations, action items. */
public record PostmortemView(UUID id, UUID incidentId, String incidentReference, String severity,
                             PostmortemStatus status, String summary, String impact, String rootCause,
                             String contributingFactors, String wentWell, String wentWrong, JsonNode timeline,
                             Durations durations, List<ActionItemView> actionItems, Instant createdAt,
                             Instant updatedAt, Instant publishedAt, Instant dueAt, boolean overdue) {

    public record Durations(Duration timeToAcknowledge, Duration timeToMitigate, Duration timeToResolve) {
    }

    public static PostmortemView of(PostmortemService.Details d, JsonNode timeline, Map<UUID, UserRef> people,
                                    Duration dueAfter, Instant now, LocalDate today) {
        Postmortem p = d.postmortem();
        return new PostmortemView(p.id, p.incidentId, d.incident().reference(), d.incident().peakSeverity.name(),
                p.status, p.summary, p.impact, p.rootCause, p.contributingFactors, p.wentWell, p.wentWrong, timeline,
                new Durations(duration(p.timeToAcknowledgeSeconds), duration(p.timeToMitigateSeconds),
                        duration(p.timeToResolveSeconds)),
                d.actionItems().stream().map(a -> ActionItemView.of(a, people, today)).toList(), p.createdAt,
                p.updatedAt, p.publishedAt, PostmortemRules.dueAt(d.incident().resolvedAt, dueAfter),
                PostmortemRules.isOverdue(p.status, d.incident().resolvedAt, dueAfter, now));
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
