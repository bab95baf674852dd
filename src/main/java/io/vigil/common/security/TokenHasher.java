package io.vigil.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens are 256 random bits, shown once and stored only as their SHA-256. A plain hash (no
 * salt, no stretching) is right here: the input is uniformly random, so there is nothing to
 * brute-force, and a deterministic hash lets the token be looked up by an index.
 */
public final class TokenHasher {

    public static final String PREFIX = "vgl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHasher() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A short, non-secret reminder of which token this is (like "vgl_Ab3d…"). */
    public static String hint(String token) {
        return token.substring(0, Math.min(token.length(), 8)) + "…";
    }
}
