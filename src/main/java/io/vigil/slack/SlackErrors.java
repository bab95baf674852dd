package io.vigil.slack;

import java.util.Set;

/**
 * Which Slack answers end a piece of work and which are worth another try. Slack's own errors about the
 * request (no such user or channel, a malformed message) will not change by retrying; everything else —
 * HTTP errors, timeouts, rate limits, and token or scope problems an operator can fix — is retried until
 * the give-up time.
 */
public final class SlackErrors {

    /** Errors that mean this request can never succeed. */
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "user_not_found", "users_not_found",
            "is_archived", "msg_too_long", "no_text", "invalid_blocks", "invalid_blocks_format", "not_in_channel",
            "user_is_bot", "user_disabled", "user_is_restricted", "user_is_ultra_restricted", "restricted_action",
            "message_not_found", "cant_update_message", "edit_window_closed", "invalid_name",
            "invalid_name_specials", "invalid_name_required", "invalid_name_maxlength", "invalid_name_punctuation",
            "channel_is_archived", "cannot_dm_bot");

    /** Errors of {@code conversations.invite} that mean the person is where they should be. */
    private static final Set<String> ALREADY_INVITED = Set.of("already_in_channel", "cant_invite_self");

    private SlackErrors() {
    }

    /** Whether Slack answered with an error that no retry will cure. */
    public static boolean permanent(int httpStatus, String error) {
        return httpStatus == 200 && error != null && PERMANENT.contains(error);
    }

    public static boolean alreadyInvited(int httpStatus, String error) {
        return httpStatus == 200 && error != null && ALREADY_INVITED.contains(error);
    }
}
