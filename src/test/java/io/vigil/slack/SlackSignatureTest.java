package io.vigil.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.slack.SlackSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String SECRET = "our-signing-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final byte[] BODY = "command=%2Fincident&text=caf%C3%A9+%E2%9C%93".getBytes(StandardCharsets.UTF_8);

    /** Slack's own example from "Verifying requests from Slack". */
    @Test
    void slacksPublishedExampleVerifies() {
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        byte[] body = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(SlackSignature.sign(secret, "1531420618", body)).isEqualTo(signature);
        assertThat(SlackSignature.verify(secret, "1531420618", signature, body, Instant.ofEpochSecond(1531420648),
                WINDOW)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aFreshlySignedRequestIsValid() {
        assertThat(verify(SECRET, NOW, sign(SECRET, NOW, BODY), BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aWrongSecretIsAMismatch() {
        assertThat(verify(SECRET, NOW, sign("another-secret-9876543210", NOW, BODY), BODY)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTamperedBodyIsAMismatch() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(verify(SECRET, NOW, sign(SECRET, NOW, BODY), tampered)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void sixMinutesEitherWayIsOutsideTheWindowAndFiveIsInside() {
        for (int minutes : new int[] {-6, 6}) {
            Instant then = NOW.plus(Duration.ofMinutes(minutes));
            assertThat(verify(SECRET, then, sign(SECRET, then, BODY), BODY)).as("%d min", minutes)
                    .isEqualTo(Verdict.OUTSIDE_WINDOW);
        }
        for (int minutes : new int[] {-5, 5}) {
            Instant then = NOW.plus(Duration.ofMinutes(minutes));
            assertThat(verify(SECRET, then, sign(SECRET, then, BODY), BODY)).as("%d min", minutes)
                    .isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void missingPartsAreMissingAndAGarbledTimestampIsMalformed() {
        String signature = sign(SECRET, NOW, BODY);
        String ts = Long.toString(NOW.getEpochSecond());
        assertThat(SlackSignature.verify(SECRET, null, signature, BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(SECRET, ts, null, BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(null, ts, signature, BODY, NOW, WINDOW)).isEqualTo(Verdict.MISSING);
        assertThat(SlackSignature.verify(SECRET, "yesterday", signature, BODY, NOW, WINDOW)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void anotherVersionOrUpperCaseHexIsAMismatch() {
        String signature = sign(SECRET, NOW, BODY);
        assertThat(verify(SECRET, NOW, "v1=" + signature.substring(3), BODY)).isEqualTo(Verdict.MISMATCH);
        assertThat(verify(SECRET, NOW, "v0=" + signature.substring(3).toUpperCase(), BODY)).isEqualTo(Verdict.MISMATCH);
    }

    private static String sign(String secret, Instant at, byte[] body) {
        return SlackSignature.sign(secret, Long.toString(at.getEpochSecond()), body);
    }

    private static Verdict verify(String secret, Instant stampedAt, String signature, byte[] body) {
        return SlackSignature.verify(secret, Long.toString(stampedAt.getEpochSecond()), signature, body, NOW, WINDOW);
    }
}
