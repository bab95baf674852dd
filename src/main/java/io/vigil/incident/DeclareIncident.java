package io.vigil.incident;

import io.vigil.oncall.Region;

/** What it takes to declare an incident; {@code restricted} null means "the category's default". */
public record DeclareIncident(String title, String summary, String category, Severity severity, Region region,
                              Boolean restricted) {
}
