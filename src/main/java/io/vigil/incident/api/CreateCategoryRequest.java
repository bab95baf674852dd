package io.vigil.incident.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /categories} (ADMIN). */
public record CreateCategoryRequest(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,63}", message = "must be UPPER_SNAKE_CASE, 2-64 characters")
        String code,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 2_000) String description,
        boolean restrictedByDefault) {
}
