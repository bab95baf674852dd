package io.vigil.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backoff, "delayed" and "give up" decisions of {@link RetryPolicy}, with the production defaults. */
class RetryPolicyTest {

    private static final Duration DELAYED_AFTER = Duration.ofMinutes(2);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final RetryPolicy DEFAULTS = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            DELAYED_AFTER, GIVE_UP_AFTER);
    private static final Instant STORED = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void waitsDoubleFromOneSecondAndStayAtTheThirtySecondCap() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(DEFAULTS::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void manyAttemptsStillWaitTheCapWithoutOverflowing() {
        assertThat(DEFAULTS.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCapThatIsAPowerOfTwoIsReachedExactly() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(4), DELAYED_AFTER, GIVE_UP_AFTER);
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::delayAfter).map(Duration::toMillis))
                .containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L);
    }

    @Test
    void firstEqualToCapIsAConstantWait() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), DELAYED_AFTER, GIVE_UP_AFTER);
        assertThat(IntStream.rangeClosed(1, 4).mapToObj(policy::delayAfter)).containsOnly(Duration.ofSeconds(5));
    }

    @Test
    void isDelayedFromExactlyDelayedAfterOn() {
        assertThat(DEFAULTS.isDelayed(STORED, STORED)).isFalse();
        assertThat(DEFAULTS.isDelayed(STORED, STORED.plus(DELAYED_AFTER).minusNanos(1))).isFalse();
        assertThat(DEFAULTS.isDelayed(STORED, STORED.plus(DELAYED_AFTER))).isTrue();
        assertThat(DEFAULTS.isDelayed(STORED, STORED.plus(DELAYED_AFTER).plusNanos(1))).isTrue();
        assertThat(DEFAULTS.isDelayed(STORED, STORED.plus(Duration.ofDays(3)))).isTrue();
        // a clock that stepped back is not a delay
        assertThat(DEFAULTS.isDelayed(STORED, STORED.minusSeconds(10))).isFalse();
    }

    @Test
    void givesUpFromExactlyGiveUpAfterOn() {
        assertThat(DEFAULTS.givesUp(STORED, STORED)).isFalse();
        assertThat(DEFAULTS.givesUp(STORED, STORED.plus(DELAYED_AFTER))).isFalse();
        assertThat(DEFAULTS.givesUp(STORED, STORED.plus(GIVE_UP_AFTER).minusNanos(1))).isFalse();
        assertThat(DEFAULTS.givesUp(STORED, STORED.plus(GIVE_UP_AFTER))).isTrue();
        assertThat(DEFAULTS.givesUp(STORED, STORED.plus(GIVE_UP_AFTER).plusSeconds(1))).isTrue();
    }

    @ParameterizedTest(name = "first={0} cap={1} is rejected")
    @CsvSource({"PT0S,PT30S", "-PT1S,PT30S", "PT10S,PT5S", "PT0S,PT0S", "-PT2S,-PT1S"})
    void badFirstOrCapIsRejected(String first, String cap) {
        assertThatThrownBy(() -> new RetryPolicy(Duration.parse(first), Duration.parse(cap), DELAYED_AFTER, GIVE_UP_AFTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first");
    }

    @Test
    void missingFirstOrCapIsRejected() {
        assertThatThrownBy(() -> new RetryPolicy(null, Duration.ofSeconds(30), DELAYED_AFTER, GIVE_UP_AFTER))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), null, DELAYED_AFTER, GIVE_UP_AFTER))
                .isInstanceOf(NullPointerException.class);
    }
}
