package io.vigil.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature receivers check (spec §5): {@code v1=} and the hex HMAC-SHA256 of
 * {@code "<timestamp>.<body>"} keyed with the subscription secret, where the timestamp is the
 * {@code X-Vigil-Timestamp} header (Unix seconds) sent with it.
 */
public final class WebhookSignature {

    public static final String HEADER_EVENT = "X-Vigil-Event";
    public static final String HEADER_EVENT_ID = "X-Vigil-Event-Id";
    public static final String HEADER_TIMESTAMP = "X-Vigil-Timestamp";
    public static final String HEADER_SIGNATURE = "X-Vigil-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
