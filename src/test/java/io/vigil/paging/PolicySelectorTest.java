package io.vigil.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.paging.PolicySelector.Candidate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicySelectorTest {

    private static final Candidate DEFAULT = new Candidate(UUID.randomUUID(), Set.of(), Set.of(), true, 1);
    private static final Candidate SEV1 = new Candidate(UUID.randomUUID(), Set.of("SEV1"), Set.of(), false, 2);
    private static final Candidate SEV1_CHILD = new Candidate(UUID.randomUUID(), Set.of("SEV1", "SEV2"),
            Set.of("CHILD_SAFETY"), false, 3);
    private static final Candidate SEV1_LATER = new Candidate(UUID.randomUUID(), Set.of("SEV1"), Set.of(), false, 4);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "SEV1, CHILD_SAFETY, SEV1_CHILD",
            "SEV2, CHILD_SAFETY, SEV1_CHILD",
            "SEV1, MISINFORMATION, SEV1",
            "SEV3, CHILD_SAFETY, DEFAULT",
            "SEV2, MISINFORMATION, DEFAULT",
    })
    void theMostSpecificPolicyWins(String severity, String category, String expected) {
        List<Candidate> all = List.of(SEV1_LATER, DEFAULT, SEV1, SEV1_CHILD);
        Candidate want = switch (expected) {
            case "SEV1_CHILD" -> SEV1_CHILD;
            case "SEV1" -> SEV1; // created before SEV1_LATER
            default -> DEFAULT;
        };
        assertThat(PolicySelector.select(all, severity, category)).contains(want);
    }

    @ParameterizedTest
    @CsvSource({"SEV4, OTHER"})
    void withoutADefaultNothingMayMatch(String severity, String category) {
        assertThat(PolicySelector.select(List.of(SEV1, SEV1_CHILD), severity, category)).isEmpty();
    }
}
