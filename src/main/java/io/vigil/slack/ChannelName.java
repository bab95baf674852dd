package io.vigil.slack;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of an incident's Slack channel: {@code inc-<n>-<slug of the title>}, in the characters Slack
 * allows (lower-case letters, digits, hyphens, underscores; at most 80). A restricted incident's channel is
 * {@code inc-<n>} alone: a channel name is visible to the whole workspace, and the title is content.
 */
public final class ChannelName {

    /** Slack's limit, less room for a {@code -NN} suffix when the name is taken. */
    static final int MAX_BASE = 76;

    private ChannelName() {
    }

    public static String of(long number, String title, boolean restricted) {
        String base = "inc-" + number;
        if (restricted || title == null) {
            return base;
        }
        String slug = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            return base;
        }
        String name = base + "-" + slug;
        if (name.length() > MAX_BASE) {
            name = name.substring(0, MAX_BASE).replaceAll("-+$", "");
        }
        return name;
    }

    /** The name to try on the {@code attempt}-th try (1-based) when earlier ones were taken. */
    public static String attempt(String name, int attempt) {
        return attempt <= 1 ? name : name + "-" + attempt;
    }
}
