package io.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsCalendarTest {

    private static final Interval SHIFT = new Interval(Instant.parse("2026-07-15T08:00:00Z"),
            Instant.parse("2026-07-16T08:00:00Z"));

    @Test
    void linesEndInCrlfAreFoldedAt75OctetsAndTextIsEscaped() {
        String summary = "EMEA PRIMARY: @zoë, ops; lead\\ " + "ü".repeat(60);
        String ics = IcsCalendar.render("EMEA on-call", List.of(new IcsCalendar.Event("uid-1@vigil", summary,
                "line one\nline two", SHIFT)), Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:EMEA PRIMARY: @zoë\\, ops\\; lead\\\\ ü")
                .contains("DESCRIPTION:line one\\nline two")
                .contains("DTSTART:20260715T080000Z").contains("DTEND:20260716T080000Z")
                .contains("UID:uid-1@vigil").contains("DTSTAMP:20260701T000000Z");
        assertThat(unfolded).contains("ü".repeat(60));
    }
}
