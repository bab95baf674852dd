package io.vigil.slack;

import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A slash command as typed, parsed into what it asks for — or into {@link Invalid}, which says what
 * was wrong and what to type instead. Words are case-insensitive; severities may be written
 * {@code SEV1}, {@code sev1} or {@code 1}.
 *
 * <pre>
 * /incident declare &lt;sev&gt; &lt;region&gt; [category] &lt;title&gt;
 * /incident status &lt;status&gt; [reason]       (in an incident channel)
 * /incident sev &lt;sev&gt; &lt;reason&gt;             (in an incident channel)
 * /incident note &lt;text&gt;                     (in an incident channel)
 * /incident help
 * /oncall [region]
 * </pre>
 */
public sealed interface SlackCommand {

    String DECLARE_USAGE = "/incident declare <SEV1-4> <APAC|EMEA|AMER> [category] <title>";
    String STATUS_USAGE = "/incident status <investigating|mitigated|resolved|closed|cancelled> [reason]";
    String SEV_USAGE = "/incident sev <SEV1-4> <reason>";
    String NOTE_USAGE = "/incident note <text>";
    String ONCALL_USAGE = "/oncall [APAC|EMEA|AMER]";

    /** The title limit of {@code POST /incidents}. */
    int MAX_TITLE = 200;

    record Declare(Severity severity, Region region, String category, String title) implements SlackCommand {
    }

    record SetStatus(IncidentStatus status, String reason) implements SlackCommand {
    }

    record SetSeverity(Severity severity, String reason) implements SlackCommand {
    }

    record Note(String text) implements SlackCommand {
    }

    record OnCall(Region region) implements SlackCommand {
    }

    record Help() implements SlackCommand {
    }

    record Invalid(String problem, String usage) implements SlackCommand {
    }

    /**
     * @param command    the slash command ({@code /incident} or {@code /oncall})
     * @param categories the category codes an incident may have (upper case)
     * @param fallbackCategory the category of a declaration that names none
     */
    static SlackCommand parse(String command, String text, Set<String> categories, String fallbackCategory) {
        String[] words = text == null || text.isBlank() ? new String[0] : text.strip().split("\\s+");
        if ("/oncall".equals(command)) {
            if (words.length == 0) {
                return new OnCall(null);
            }
            Optional<Region> region = region(words[0]);
            return region.isPresent() && words.length == 1 ? new OnCall(region.get())
                    : new Invalid("'" + text.strip() + "' is not a region.", ONCALL_USAGE);
        }
        if (!"/incident".equals(command)) {
            return new Invalid("Vigil does not know the command " + command + ".", "/incident help");
        }
        if (words.length == 0) {
            return new Help();
        }
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = rest(text, 1);
        return switch (verb) {
            case "help" -> new Help();
            case "declare" -> declare(words, text, categories, fallbackCategory);
            case "status" -> {
                if (words.length < 2) {
                    yield new Invalid("Say which status.", STATUS_USAGE);
                }
                Optional<IncidentStatus> status = Arrays.stream(IncidentStatus.values())
                        .filter(s -> s.name().equalsIgnoreCase(words[1])).findFirst();
                yield status.<SlackCommand>map(s -> new SetStatus(s, blankToNull(rest(text, 2))))
                        .orElseGet(() -> new Invalid("'" + words[1] + "' is not a status.", STATUS_USAGE));
            }
            case "sev", "severity" -> {
                if (words.length < 2) {
                    yield new Invalid("Say which severity, and why.", SEV_USAGE);
                }
                Optional<Severity> severity = severity(words[1]);
                if (severity.isEmpty()) {
                    yield new Invalid("'" + words[1] + "' is not a severity.", SEV_USAGE);
                }
                String reason = blankToNull(rest(text, 2));
                yield reason == null ? new Invalid("Say why the severity changes.", SEV_USAGE)
                        : new SetSeverity(severity.get(), reason);
            }
            case "note" -> rest == null || rest.isBlank() ? new Invalid("The note is empty.", NOTE_USAGE)
                    : new Note(rest.strip());
            default -> new Invalid("'" + words[0] + "' is not an /incident command.", "/incident help");
        };
    }

    private static SlackCommand declare(String[] words, String text, Set<String> categories, String fallback) {
        if (words.length < 4) {
            return new Invalid("A declaration needs a severity, a region and a title.", DECLARE_USAGE);
        }
        Optional<Severity> severity = severity(words[1]);
        if (severity.isEmpty()) {
            return new Invalid("'" + words[1] + "' is not a severity.", DECLARE_USAGE);
        }
        Optional<Region> region = region(words[2]);
        if (region.isEmpty()) {
            return new Invalid("'" + words[2] + "' is not a region.", DECLARE_USAGE);
        }
        String category = fallback;
        int titleFrom = 3;
        String candidate = words[3].toUpperCase(Locale.ROOT);
        if (categories.contains(candidate) && words.length > 4) {
            category = candidate;
            titleFrom = 4;
        }
        String title = rest(text, titleFrom);
        if (title.length() > MAX_TITLE) {
            return new Invalid("The title is " + title.length() + " characters; at most " + MAX_TITLE + ".",
                    DECLARE_USAGE);
        }
        return new Declare(severity.get(), region.get(), category, title);
    }

    static Optional<Severity> severity(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        String name = w.startsWith("SEV") ? w : "SEV" + w;
        return Arrays.stream(Severity.values()).filter(s -> s.name().equals(name)).findFirst();
    }

    static Optional<Region> region(String word) {
        return Arrays.stream(Region.values()).filter(r -> r.name().equalsIgnoreCase(word)).findFirst();
    }

    /** The text after its first {@code skip} words, spacing inside kept. */
    private static String rest(String text, int skip) {
        String s = text == null ? "" : text.strip();
        for (int i = 0; i < skip && !s.isEmpty(); i++) {
            String[] parts = s.split("\\s+", 2);
            s = parts.length < 2 ? "" : parts[1];
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
