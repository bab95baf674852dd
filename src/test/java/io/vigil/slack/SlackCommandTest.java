package io.vigil.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlackCommandTest {

    private static final Set<String> CATEGORIES = Set.of("CHILD_SAFETY", "MISINFORMATION", "OTHER");

    private static SlackCommand incident(String text) {
        return SlackCommand.parse("/incident", text, CATEGORIES, "OTHER");
    }

    @Test
    void declareWithAndWithoutACategory() {
        assertThat(incident("declare SEV1 EMEA Live stream attack"))
                .isEqualTo(new SlackCommand.Declare(Severity.SEV1, Region.EMEA, "OTHER", "Live stream attack"));
        assertThat(incident("DECLARE 2 apac misinformation Fake   election results"))
                .isEqualTo(new SlackCommand.Declare(Severity.SEV2, Region.APAC, "MISINFORMATION", "Fake   election results"));
        // a category word alone is the title, not a category
        assertThat(incident("declare sev3 amer misinformation"))
                .isEqualTo(new SlackCommand.Declare(Severity.SEV3, Region.AMER, "OTHER", "misinformation"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "declare => " + SlackCommand.DECLARE_USAGE,
            "declare sev9 emea Title => " + SlackCommand.DECLARE_USAGE,
            "declare sev1 mars Title => " + SlackCommand.DECLARE_USAGE,
            "declare sev1 emea => " + SlackCommand.DECLARE_USAGE,
            "status => " + SlackCommand.STATUS_USAGE,
            "status nonsense => " + SlackCommand.STATUS_USAGE,
            "sev 1 => " + SlackCommand.SEV_USAGE,
            "sev x why => " + SlackCommand.SEV_USAGE,
            "note => " + SlackCommand.NOTE_USAGE,
            "frobnicate => /incident help"})
    void malformedCommandsAreInvalidWithTheirUsage(String text, String usage) {
        assertThat(incident(text)).isInstanceOfSatisfying(SlackCommand.Invalid.class,
                invalid -> assertThat(invalid.usage()).isEqualTo(usage));
    }

    @Test
    void aTitleOverTwoHundredCharactersIsInvalid() {
        assertThat(incident("declare sev1 emea " + "x".repeat(201))).isInstanceOf(SlackCommand.Invalid.class);
        assertThat(incident("declare sev1 emea " + "x".repeat(200))).isInstanceOf(SlackCommand.Declare.class);
    }

    @Test
    void statusSeverityAndNote() {
        assertThat(incident("status Mitigated rolled back the bad classifier"))
                .isEqualTo(new SlackCommand.SetStatus(IncidentStatus.MITIGATED, "rolled back the bad classifier"));
        assertThat(incident("status resolved")).isEqualTo(new SlackCommand.SetStatus(IncidentStatus.RESOLVED, null));
        assertThat(incident("sev 1 spreading fast")).isEqualTo(new SlackCommand.SetSeverity(Severity.SEV1, "spreading fast"));
        assertThat(incident("note   two  spaces kept")).isEqualTo(new SlackCommand.Note("two  spaces kept"));
    }

    @Test
    void helpAndOncall() {
        assertThat(incident("help")).isEqualTo(new SlackCommand.Help());
        assertThat(incident("")).isEqualTo(new SlackCommand.Help());
        assertThat(incident(null)).isEqualTo(new SlackCommand.Help());
        assertThat(SlackCommand.parse("/oncall", "", CATEGORIES, "OTHER")).isEqualTo(new SlackCommand.OnCall(null));
        assertThat(SlackCommand.parse("/oncall", "emea", CATEGORIES, "OTHER")).isEqualTo(new SlackCommand.OnCall(Region.EMEA));
        assertThat(SlackCommand.parse("/oncall", "mars", CATEGORIES, "OTHER")).isInstanceOfSatisfying(
                SlackCommand.Invalid.class, i -> assertThat(i.usage()).isEqualTo(SlackCommand.ONCALL_USAGE));
        assertThat(SlackCommand.parse("/foo", "bar", CATEGORIES, "OTHER")).isInstanceOf(SlackCommand.Invalid.class);
    }
}
