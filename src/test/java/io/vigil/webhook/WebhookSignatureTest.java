package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The receiver-side contract of {@link WebhookSignature}: {@code v1=} and the lower-case hex
 * HMAC-SHA256 of {@code "<timestamp>.<body>"} keyed with the secret (spec §5). The expected values
 * are computed here with {@code javax.crypto} and pinned as literals (also computed with Python's
 * {@code hmac}), so a change to the scheme cannot pass by changing both sides at once.
 */
class WebhookSignatureTest {

    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final long TIMESTAMP = 1_700_000_000L;
    private static final byte[] BODY = "{\"id\":\"e1\",\"type\":\"page.triggered\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aFixedVector() {
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY))
                .isEqualTo("v1=d7c0a5b33aeb4f67d2ed37242199d550dc33dfd93dd4a6d40d290e853a8aa66c")
                .isEqualTo("v1=" + hmacHex(SECRET, TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void theBodyIsSignedAsItsUtf8Bytes() {
        byte[] body = "{\"title\":\"café ☃\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, body))
                .isEqualTo("v1=29b16f39e39f5ca7aac03f423389127b264bd21585739057a3812a8107fdfd7b")
                .isEqualTo("v1=" + hmacHex(SECRET, TIMESTAMP + ".{\"title\":\"café ☃\"}"));
    }

    @Test
    void itIsV1AndSixtyFourLowerCaseHexDigits() {
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY)).matches("v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, new byte[0]))
                .isEqualTo("v1=" + hmacHex(SECRET, TIMESTAMP + "."));
    }

    @Test
    void changingTheBodyTheTimestampOrTheSecretChangesIt() {
        String original = WebhookSignature.sign(SECRET, TIMESTAMP, BODY);
        byte[] otherBody = BODY.clone();
        otherBody[otherBody.length - 2] = 'X';
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, otherBody)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP + 1, BODY)).isNotEqualTo(original);
        assertThat(WebhookSignature.sign(SECRET + "x", TIMESTAMP, BODY)).isNotEqualTo(original);
        // the same inputs always give the same signature
        assertThat(WebhookSignature.sign(SECRET, TIMESTAMP, BODY.clone())).isEqualTo(original);
    }

    @Test
    void theTimestampAndBodyAreSeparatedByADot() {
        // "17.00" signed as timestamp 17 and body "00" is not timestamp 170 and body "0"
        assertThat(WebhookSignature.sign(SECRET, 17, "00".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1=" + hmacHex(SECRET, "17.00"))
                .isNotEqualTo(WebhookSignature.sign(SECRET, 170, "0".getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
