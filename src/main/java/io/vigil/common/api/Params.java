package io.vigil.common.api;

import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses path and query parameters by hand so that a bad value is a 400 naming the parameter
 * (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public final class Params {

    private Params() {
    }

    /** A path id that is not a UUID cannot name anything: 404, like any unknown id. */
    public static UUID pathId(String entity, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw NotFoundException.of(entity, value);
        }
    }

    public static UUID uuid(String name, String value) {
        if (blank(value)) return null;
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(name, "must be a UUID");
        }
    }

    public static Instant instant(String name, String value) {
        if (blank(value)) return null;
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ValidationException.of(name, "must be an ISO-8601 UTC instant such as 2026-01-31T08:00:00Z");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (blank(value)) return null;
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(name, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** A whole number from {@code min} to {@code max}; anything else is a 400 naming the parameter. */
    public static int intInRange(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message
        }
        throw ValidationException.of(name, "must be a whole number from " + min + " to " + max);
    }

    /** Checks that {@code from} is not after {@code to} when both are given. */
    public static void range(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ValidationException.of("from", "must not be after 'to'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
