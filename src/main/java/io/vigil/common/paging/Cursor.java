package io.vigil.common.paging;

import io.vigil.common.problem.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position of the last row of a page: an instant plus a tie-breaker (a UUID or a sequence
 * number). Opaque to clients: URL-safe base64 of {@code <instant>|<tieBreaker>}.
 */
public record Cursor(Instant at, String tieBreaker) {

    public static Cursor of(Instant at, Object tieBreaker) {
        return new Cursor(at, String.valueOf(tieBreaker));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + tieBreaker).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) throw new IllegalArgumentException();
            return new Cursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    public UUID tieBreakerAsUuid() {
        try {
            return UUID.fromString(tieBreaker);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public long tieBreakerAsLong() {
        try {
            return Long.parseLong(tieBreaker);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "is not a cursor this service issued; use nextCursor from the previous page");
    }
}
