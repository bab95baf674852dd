package io.vigil.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID PAGE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final String LINK = "https://vigil.example.org/incidents/1";
    private static final Instant ACKED = Instant.parse("2026-11-22T03:04:05Z");

    private static SlackMessages.IncidentFacts incident(boolean restricted) {
        return new SlackMessages.IncidentFacts("INC-42", "SEV1", "SECRET-CATEGORY", "EMEA", "SECRET-TITLE",
                "SECRET-SUMMARY", "DECLARED", "<@UCMD>", restricted, LINK);
    }

    private static SlackMessages.PageFacts page(boolean restricted, String status) {
        return new SlackMessages.PageFacts(PAGE, incident(restricted), status, 2, List.of("<@U1>", "<@U2>"),
                "ACKNOWLEDGED".equals(status) ? "<@U1>" : null, "ACKNOWLEDGED".equals(status) ? ACKED : null,
                "SECRET-MESSAGE");
    }

    @Test
    void aRunningPageHasEverythingToDecideAndBothButtons() throws Exception {
        SlackMessages.Rendered rendered = SlackMessages.page(page(false, "TRIGGERED"));
        String blocks = rendered.blocks();
        assertThat(blocks).contains("INC-42", "SEV1", "SECRET-CATEGORY", "EMEA", "SECRET-TITLE", "<@U1>, <@U2>",
                "*Level*\\n2", "<" + LINK + "|Open INC-42 in Vigil>", "SECRET-MESSAGE");
        assertThat(buttons(rendered)).containsExactly(SlackMessages.ACK_ACTION + "=" + PAGE,
                SlackMessages.ESCALATE_ACTION + "=" + PAGE);
        assertThat(rendered.text()).isEqualTo("SEV1 INC-42: SECRET-TITLE — you are paged (level 2)");
    }

    @Test
    void anAcknowledgedPageSaysWhoAndWhenAndHasNoButtons() throws Exception {
        SlackMessages.Rendered rendered = SlackMessages.page(page(false, "ACKNOWLEDGED"));
        assertThat(buttons(rendered)).isEmpty();
        assertThat(rendered.blocks()).doesNotContain("\"actions\"")
                .contains("Acknowledged by <@U1> <!date^" + ACKED.getEpochSecond() + "^");
        assertThat(rendered.text()).endsWith("page acknowledged");
    }

    @Test
    void anExhaustedPageKeepsOnlyAcknowledgeAndAStoppedOneNothing() throws Exception {
        assertThat(buttons(SlackMessages.page(page(false, "EXHAUSTED"))))
                .containsExactly(SlackMessages.ACK_ACTION + "=" + PAGE);
        SlackMessages.Rendered stopped = SlackMessages.page(page(false, "RESOLVED"));
        assertThat(buttons(stopped)).isEmpty();
        assertThat(stopped.blocks()).contains("Page stopped: the incident is DECLARED");
    }

    @Test
    void aRestrictedIncidentShowsOnlyReferenceSeverityAndLink() throws Exception {
        List<SlackMessages.Rendered> all = List.of(
                SlackMessages.page(page(true, "TRIGGERED")),
                SlackMessages.page(page(true, "ACKNOWLEDGED")),
                SlackMessages.declared(incident(true)),
                SlackMessages.statusChanged(incident(true), "DECLARED", "SECRET-REASON", "<@UCMD>"),
                SlackMessages.severityChanged(incident(true), "SEV2", "SECRET-REASON", "<@UCMD>"));
        for (SlackMessages.Rendered rendered : all) {
            String everything = rendered.text() + rendered.blocks();
            assertThat(everything).contains("INC-42").contains("SEV1")
                    .doesNotContain("SECRET-TITLE", "SECRET-SUMMARY", "SECRET-CATEGORY", "EMEA", "SECRET-MESSAGE",
                            "SECRET-REASON");
        }
        assertThat(all.get(0).blocks()).contains(LINK);
        assertThat(buttons(all.get(0))).contains(SlackMessages.ACK_ACTION + "=" + PAGE);
    }

    @Test
    void anOpenIncidentsChangesCarryTheirReason() {
        assertThat(SlackMessages.statusChanged(incident(false), "DECLARED", "looking into it", "<@UCMD>").text())
                .isEqualTo("INC-42 (SEV1): :arrows_counterclockwise: Status DECLARED → DECLARED (by <@UCMD>)\n> looking into it");
    }

    @Test
    void textFromPeopleIsEscaped() {
        SlackMessages.IncidentFacts evil = new SlackMessages.IncidentFacts("INC-1", "SEV2", "OTHER", "AMER",
                "<!channel> & <http://evil|x>", null, "DECLARED", null, false, LINK);
        SlackMessages.Rendered rendered = SlackMessages.declared(evil);
        assertThat(rendered.text()).doesNotContain("<!channel>").contains("&lt;!channel&gt; &amp; &lt;http://evil|x&gt;");
    }

    @Test
    void aLongTitleIsCutInTheHeader() throws Exception {
        SlackMessages.IncidentFacts longOne = new SlackMessages.IncidentFacts("INC-1", "SEV2", "OTHER", "AMER",
                "x".repeat(400), null, "DECLARED", null, false, LINK);
        JsonNode header = JSON.readTree(SlackMessages.declared(longOne).blocks()).get(0);
        assertThat(header.path("type").asText()).isEqualTo("header");
        assertThat(header.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(150);
    }

    private static List<String> buttons(SlackMessages.Rendered rendered) throws Exception {
        List<String> found = new ArrayList<>();
        for (JsonNode block : JSON.readTree(rendered.blocks())) {
            for (JsonNode element : block.path("elements")) {
                if ("button".equals(element.path("type").asText())) {
                    found.add(element.path("action_id").asText() + "=" + element.path("value").asText());
                }
            }
        }
        return found;
    }
}
