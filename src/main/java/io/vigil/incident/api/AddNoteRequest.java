package io.vigil.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Body of {@code POST /incidents/{id}/timeline}: a note, optionally back-dated with {@code at}. */
public record AddNoteRequest(@NotBlank @Size(max = 10_000) String text, Instant at) {
}
