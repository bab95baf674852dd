package io.vigil.incident.api;

import io.vigil.incident.Category;
import java.time.Instant;

public record CategoryView(String code, String name, String description, boolean restrictedByDefault, boolean builtIn,
                           Instant createdAt) {

    public static CategoryView of(Category c) {
        return new CategoryView(c.code, c.name, c.description, c.restrictedByDefault, c.builtIn, c.createdAt);
    }
}
