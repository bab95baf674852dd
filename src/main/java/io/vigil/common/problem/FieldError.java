package io.vigil.common.problem;

/** One invalid input field: its JSON path (e.g. {@code title}, {@code levels[0].ackTimeout}) and why. */
public record FieldError(String field, String message) {}
