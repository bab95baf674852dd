package io.vigil.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.incident.Severity;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Slack settings ({@code oncall.slack.*}); every one is described in docs/operations.md. */
@ConfigMapping(prefix = "oncall.slack")
public interface SlackSettings {

    /** The bot token ({@code xoxb-…}); without one Slack delivery is off and nothing is stored for it. */
    Optional<String> botToken();

    /** Verifies requests from Slack; without one the Slack endpoints refuse every request. */
    Optional<String> signingSecret();

    /** The Web API base. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Severities whose incidents get their own channel. */
    @WithDefault("SEV1,SEV2")
    Set<Severity> channelSeverities();

    /** How long one Web API call may take before it counts as failed (its outcome then unknown). */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often each instance looks for due Slack work besides the commit-time wake-up. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Web API calls one instance makes at once. */
    @WithDefault("4")
    int workers();

    /** The first wait after a failed call; waits double up to {@link #retryCap()}. */
    @WithDefault("PT1S")
    Duration retryFirst();

    @WithDefault("PT30S")
    Duration retryCap();

    /** Work still failing this long after it was stored is abandoned (and the timeline says so). */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** How far a request's timestamp may be from now, either way (spec §4: 5 minutes). */
    @WithDefault("PT5M")
    Duration requestWindow();

    default boolean enabled() {
        return botToken().filter(t -> !t.isBlank()).isPresent();
    }
}
