package io.vigil.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelNameTest {

    @Test
    void theTitleBecomesASlug() {
        assertThat(ChannelName.of(42, "Live stream: attack in Berlin!", false)).isEqualTo("inc-42-live-stream-attack-in-berlin");
        assertThat(ChannelName.of(7, "Café Überfall", false)).isEqualTo("inc-7-cafe-uberfall");
    }

    @Test
    void aRestrictedIncidentsChannelNamesNothingButItsNumber() {
        assertThat(ChannelName.of(42, "Live stream: attack in Berlin!", true)).isEqualTo("inc-42");
    }

    @Test
    void aTitleWithNothingUsableGivesTheNumberAlone() {
        assertThat(ChannelName.of(3, null, false)).isEqualTo("inc-3");
        assertThat(ChannelName.of(3, "   ", false)).isEqualTo("inc-3");
        assertThat(ChannelName.of(3, "!!! ???", false)).isEqualTo("inc-3");
    }

    @Test
    void aLongTitleIsCutToWhatSlackAllowsWithRoomForASuffix() {
        String name = ChannelName.of(123456, "word ".repeat(40), false);
        assertThat(name).hasSizeLessThanOrEqualTo(76).matches("^[a-z0-9-]+$").doesNotEndWith("-").startsWith("inc-123456-word");
        assertThat(ChannelName.attempt(name, 12)).hasSizeLessThanOrEqualTo(80);
    }

    @Test
    void laterAttemptsGetASuffix() {
        assertThat(ChannelName.attempt("inc-9-x", 1)).isEqualTo("inc-9-x");
        assertThat(ChannelName.attempt("inc-9-x", 2)).isEqualTo("inc-9-x-2");
    }
}
