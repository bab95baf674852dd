package io.vigil.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report of a sample incident. {@code docs/examples/postmortem-report.md} is this code's output:
 * the test fails when the two drift apart. After a deliberate change of the report, regenerate it with
 * {@code ./mvnw test -Dtest=PostmortemReportTest -Dvigil.regenerate-examples=true}.
 */
class PostmortemReportTest {

    private static final Path EXAMPLE = Path.of("docs/examples/postmortem-report.md");
    private static final Instant T = Instant.parse("2026-09-14T02:47:00Z");

    static PostmortemReport.Facts sample() {
        return new PostmortemReport.Facts("INC-1042", "Live-streamed attack re-uploaded across mirror accounts", "SEV1",
                "VIOLENT_EXTREMISM", "EMEA", "CLOSED", "PUBLISHED", T, T.plusSeconds(160), T.plus(Duration.ofMinutes(38)),
                T.plus(Duration.ofMinutes(131)), T.plus(Duration.ofDays(4)), T.plus(Duration.ofDays(3)),
                "Footage of an attack in progress was live-streamed and, once removed, re-uploaded by a ring of "
                        + "mirror accounts faster than hash-matching caught it.",
                "About 41,000 views of re-uploads across 212 accounts over 2 h 11 min, mostly in DE, FR and NL. "
                        + "No re-upload stayed up more than 9 minutes after hash-matching caught up.",
                "Re-uploads were cropped and mirrored, which the perceptual hash tolerated poorly; the hash list "
                        + "update needed a manual approval step that nobody on call could give at 03:00.",
                "The EMEA secondary was on a flight; the approval role had a single holder.",
                "First page acknowledged in 2 min 40 s. The incident channel had legal and comms in 12 minutes.",
                "The hash-list approval blocked mitigation for 25 minutes.",
                List.of(new PostmortemReport.Entry(T, "DECLARED", "dana", "Declared SEV1 VIOLENT_EXTREMISM in EMEA: Live-streamed attack re-uploaded across mirror accounts"),
                        new PostmortemReport.Entry(T, "PAGE_TRIGGERED", null, "Paged @emea-primary — level 1 of 4, round 1 of 1; escalates at 2026-09-14T02:52:00Z unless acknowledged"),
                        new PostmortemReport.Entry(T.plusSeconds(160), "PAGE_ACKNOWLEDGED", "emea-primary", "Acknowledged via Slack by @emea-primary (level 1)"),
                        new PostmortemReport.Entry(T.plus(Duration.ofMinutes(5)), "STATUS_CHANGED", "dana", "Status DECLARED → INVESTIGATING: mirrors appearing faster than takedowns"),
                        new PostmortemReport.Entry(T.plus(Duration.ofMinutes(38)), "STATUS_CHANGED", "dana", "Status INVESTIGATING → MITIGATED: hash list updated, re-uploads blocked at upload"),
                        new PostmortemReport.Entry(T.plus(Duration.ofMinutes(131)), "STATUS_CHANGED", "dana", "Status MITIGATED → RESOLVED: no re-upload for 60 minutes")),
                List.of(new PostmortemReport.Item("Let the duty lead approve hash-list updates out of hours", "Ravi Rao (@ravi)",
                                LocalDate.parse("2026-09-30"), "HIGH", "DONE", false),
                        new PostmortemReport.Item("Tolerate crops and mirroring in the perceptual hash", "Mei Tan (@mei)",
                                LocalDate.parse("2026-10-31"), "HIGH", "IN_PROGRESS", true),
                        new PostmortemReport.Item("Second holder for the approval role in every region", null, null,
                                "MEDIUM", "OPEN", false)),
                Duration.ofSeconds(160), Duration.ofMinutes(38), Duration.ofMinutes(131), Duration.ofMinutes(5));
    }

    @Test
    void theCommittedExampleIsWhatTheCodeWrites() throws IOException {
        String markdown = PostmortemReport.markdown(sample());
        if (Boolean.getBoolean("vigil.regenerate-examples")) {
            Files.writeString(EXAMPLE, markdown, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(EXAMPLE, StandardCharsets.UTF_8))
                .as("docs/examples/postmortem-report.md is stale; see this test's Javadoc to regenerate it")
                .isEqualTo(markdown);
    }

    @Test
    void theReportHasEverySectionLeadershipReads() {
        String md = PostmortemReport.markdown(sample());
        assertThat(md).contains("# Post-incident report: INC-1042", "| Severity | SEV1 |", "| Region | EMEA |",
                "## Summary", "## Impact", "## Key durations", "| Time to acknowledge | 2 min 40 s | 5 min (met) |",
                "| Time to resolve | 2 h 11 min |", "## Root cause", "## Contributing factors", "## Action items",
                "| Tolerate crops and mirroring in the perceptual hash | Mei Tan (@mei) | 2026-10-31 | HIGH | IN_PROGRESS (overdue) |",
                "## Timeline", "| 2026-09-14 02:49 UTC | PAGE_ACKNOWLEDGED | @emea-primary |");
    }

    @Test
    void htmlEscapesWhatPeopleWrote() {
        PostmortemReport.Facts f = sample();
        PostmortemReport.Facts evil = new PostmortemReport.Facts(f.reference(), "<script>alert(1)</script>", f.severity(),
                f.category(), f.region(), f.status(), f.postmortemStatus(), f.declaredAt(), f.acknowledgedAt(),
                f.mitigatedAt(), f.resolvedAt(), f.closedAt(), f.publishedAt(), "a & b", f.impact(), f.rootCause(),
                null, f.wentWell(), f.wentWrong(), f.timeline(), List.of(), null, null, null, null);
        String html = PostmortemReport.html(evil);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;", "a &amp; b", "<em>Not written.</em>",
                "<em>None.</em>");
        assertThat(PostmortemReport.markdown(evil)).contains("| Time to acknowledge | — | — |");
    }
}
