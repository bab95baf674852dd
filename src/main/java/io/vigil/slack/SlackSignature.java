package io.vigil.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature, version 0: {@code v0=} + hex HMAC-SHA256 of {@code v0:<timestamp>:<raw body>}
 * under the app's signing secret. Unlike the SDK's verifier, a timestamp too far in the future is
 * refused as firmly as one too old (a request stamped ahead would otherwise stay usable for longer than
 * the window). Comparison is constant-time. Replays within the window are the caller's to refuse
 * (they need shared state).
 */
public final class SlackSignature {

    public enum Verdict { VALID, MISSING, MALFORMED, OUTSIDE_WINDOW, MISMATCH }

    private static final String VERSION = "v0";

    private SlackSignature() {
    }

    public static Verdict verify(String secret, String timestamp, String signature, byte[] body, Instant now,
                                 Duration window) {
        if (secret == null || secret.isEmpty() || timestamp == null || signature == null || body == null) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
            return Verdict.OUTSIDE_WINDOW;
        }
        byte[] expected = sign(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** The {@code X-Slack-Signature} value Slack would send. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
