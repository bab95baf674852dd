package io.vigil.paging;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Picks the escalation policy for an incident (spec §2): the most specific wins — one naming both
 * the category and the severity, then one naming the severity (and no categories), then the
 * default. Ties go to the policy created first, so the choice is stable.
 */
public final class PolicySelector {

    /** What selection needs to know of a policy; empty sets mean "any". */
    public record Candidate(UUID id, Set<String> severities, Set<String> categories, boolean isDefault,
                            long createdOrder) {
    }

    private PolicySelector() {
    }

    public static Optional<Candidate> select(List<Candidate> policies, String severity, String category) {
        return policies.stream()
                .filter(p -> score(p, severity, category) > 0)
                .max(Comparator.comparingInt((Candidate p) -> score(p, severity, category))
                        .thenComparing(Comparator.comparingLong(Candidate::createdOrder).reversed()));
    }

    private static int score(Candidate p, String severity, String category) {
        boolean severityMatches = p.severities().contains(severity);
        boolean categoryMatches = p.categories().contains(category);
        if (severityMatches && categoryMatches) return 3;
        if (severityMatches && p.categories().isEmpty()) return 2;
        if (p.isDefault()) return 1;
        return 0;
    }
}
