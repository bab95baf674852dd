package io.vigil.paging.api;

import io.vigil.paging.EscalationRules;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record EscalationPolicyView(UUID id, String name, List<String> severities, List<String> categories,
                                   List<EscalationRules.Level> levels, int repeat, boolean isDefault,
                                   Instant createdAt, Instant updatedAt) {
}
