package io.vigil.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackErrorsTest {

    @Test
    void onlySlacksOwnAnswersAboutTheRequestArePermanent() {
        assertThat(SlackErrors.permanent(200, "channel_not_found")).isTrue();
        assertThat(SlackErrors.permanent(200, "user_not_found")).isTrue();
        assertThat(SlackErrors.permanent(200, "ratelimited")).isFalse();
        assertThat(SlackErrors.permanent(200, "invalid_auth")).isFalse(); // an operator can fix the token
        assertThat(SlackErrors.permanent(500, "channel_not_found")).isFalse();
        assertThat(SlackErrors.permanent(200, null)).isFalse();
    }

    @Test
    void beingInTheChannelAlreadyIsSuccessForAnInvitation() {
        assertThat(SlackErrors.alreadyInvited(200, "already_in_channel")).isTrue();
        assertThat(SlackErrors.alreadyInvited(200, "cant_invite_self")).isTrue();
        assertThat(SlackErrors.alreadyInvited(200, "channel_not_found")).isFalse();
    }
}
