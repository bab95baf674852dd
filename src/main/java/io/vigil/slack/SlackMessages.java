package io.vigil.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * What Vigil says in Slack, as Block Kit: page messages (with their Acknowledge and Escalate-now
 * buttons while the page runs, and who acknowledged once it stops) and incident-channel posts. A
 * restricted incident shows only its reference, severity, status and a link — never its title,
 * summary, category, region, reasons or a page's message. All text from people is escaped, so a
 * title cannot mention {@code @channel} or forge a link.
 */
public final class SlackMessages {

    public static final String ACK_ACTION = "vigil.page.ack";
    public static final String ESCALATE_ACTION = "vigil.page.escalate";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A message: the notification text (what phones and screen readers show) and its blocks as JSON. */
    public record Rendered(String text, String blocks) {
    }

    /** A page as its messages show it; {@code paged} are mentions of the people of the step. */
    public record PageFacts(UUID pageId, IncidentFacts incident, String status, int level, List<String> paged,
                            String acknowledgedBy, Instant acknowledgedAt, String message) {
    }

    /** An incident as channel posts show it; restricted ones show only ref, severity, status and link. */
    public record IncidentFacts(String ref, String severity, String category, String region, String title,
                                String summary, String status, String commander, boolean restricted, String link) {
    }

    private SlackMessages() {
    }

    public static Rendered page(PageFacts page) {
        IncidentFacts incident = page.incident();
        ArrayNode blocks = JSON.createArrayNode();
        header(blocks, ":rotating_light: " + incident.severity() + " " + incident.ref()
                + (incident.restricted() ? " (restricted)" : " — " + incident.title()));
        if (incident.restricted()) {
            section(blocks, "*Severity:* " + incident.severity() + "   *Level:* " + page.level()
                    + "\nDetails are in Vigil only.");
        } else {
            fields(blocks, "*Severity*\n" + incident.severity(), "*Category*\n" + escape(incident.category()),
                    "*Region*\n" + escape(incident.region()), "*Level*\n" + page.level(),
                    "*Paged*\n" + (page.paged().isEmpty() ? "—" : String.join(", ", page.paged())));
            if (page.message() != null) {
                section(blocks, "> " + escape(page.message()).replace("\n", "\n> "));
            }
        }
        section(blocks, "<" + incident.link() + "|Open " + incident.ref() + " in Vigil>");
        String state;
        switch (page.status()) {
            case "ACKNOWLEDGED" -> {
                state = "acknowledged";
                context(blocks, ":white_check_mark: Acknowledged by " + page.acknowledgedBy() + " "
                        + when(page.acknowledgedAt()));
            }
            case "RESOLVED" -> {
                state = "stopped";
                context(blocks, ":no_entry_sign: Page stopped: the incident is " + incident.status());
            }
            case "EXHAUSTED" -> {
                state = "exhausted";
                context(blocks, ":warning: *Nobody acknowledged: the page ran out of levels.* Acknowledge if you "
                        + "are taking it.");
                buttons(blocks, page.pageId(), false);
            }
            default -> {
                state = "paging";
                buttons(blocks, page.pageId(), true);
            }
        }
        String text = incident.severity() + " " + incident.ref()
                + (incident.restricted() ? " (restricted)" : ": " + escape(incident.title()))
                + " — " + ("paging".equals(state) ? "you are paged (level " + page.level() + ")" : "page " + state);
        return new Rendered(text, blocks.toString());
    }

    public static Rendered declared(IncidentFacts incident) {
        ArrayNode blocks = JSON.createArrayNode();
        header(blocks, incident.severity() + " " + incident.ref()
                + (incident.restricted() ? " (restricted)" : " — " + incident.title()));
        if (incident.restricted()) {
            section(blocks, "A restricted incident was declared. Its details stay in Vigil.");
        } else {
            fields(blocks, "*Severity*\n" + incident.severity(), "*Category*\n" + escape(incident.category()),
                    "*Region*\n" + escape(incident.region()), "*Status*\n" + incident.status(),
                    "*Commander*\n" + (incident.commander() == null ? "not assigned" : incident.commander()));
            if (incident.summary() != null && !incident.summary().isBlank()) {
                section(blocks, escape(incident.summary()));
            }
        }
        section(blocks, "<" + incident.link() + "|Open " + incident.ref() + " in Vigil>  ·  `/incident help` lists "
                + "what you can do from here");
        return new Rendered("Declared " + incident.severity() + " " + incident.ref()
                + (incident.restricted() ? "" : ": " + escape(incident.title())), blocks.toString());
    }

    public static Rendered statusChanged(IncidentFacts incident, String from, String reason, String actor) {
        return change(incident, ":arrows_counterclockwise: Status " + from + " → *" + incident.status() + "*",
                reason, actor);
    }

    public static Rendered severityChanged(IncidentFacts incident, String from, String reason, String actor) {
        return change(incident, ":rotating_light: Severity " + from + " → *" + incident.severity() + "*", reason,
                actor);
    }

    public static Rendered commanderChanged(IncidentFacts incident, String actor) {
        return change(incident, ":bust_in_silhouette: Commander is now " + incident.commander(), null, actor);
    }

    private static Rendered change(IncidentFacts incident, String what, String reason, String actor) {
        String line = incident.ref() + " (" + incident.severity() + "): " + what + (actor == null ? "" : " (by " + actor + ")")
                + (reason == null || incident.restricted() ? "" : "\n> " + escape(reason).replace("\n", "\n> "));
        ArrayNode blocks = JSON.createArrayNode();
        section(blocks, line);
        return new Rendered(line.replace("*", ""), blocks.toString());
    }

    /** Slack's escaping of {@code & < >} in message text. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A time every reader sees in their own zone, with a UTC fallback. */
    static String when(Instant at) {
        if (at == null) {
            return "";
        }
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|" + FALLBACK_TIME.format(at) + ">";
    }

    private static void header(ArrayNode blocks, String text) {
        String plain = text.length() > 150 ? text.substring(0, 149) + "…" : text;
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", plain).put("emoji", true);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void fields(ArrayNode blocks, String... fields) {
        ArrayNode list = blocks.addObject().put("type", "section").putArray("fields");
        for (String field : fields) {
            list.addObject().put("type", "mrkdwn").put("text", field);
        }
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", mrkdwn);
    }

    private static void buttons(ArrayNode blocks, UUID pageId, boolean escalate) {
        ArrayNode elements = blocks.addObject().put("type", "actions").put("block_id", "vigil.page")
                .putArray("elements");
        button(elements, "Acknowledge", ACK_ACTION, pageId).put("style", "primary");
        if (escalate) {
            button(elements, "Escalate now", ESCALATE_ACTION, pageId);
        }
    }

    private static ObjectNode button(ArrayNode elements, String label, String action, UUID pageId) {
        ObjectNode button = elements.addObject().put("type", "button").put("action_id", action)
                .put("value", pageId.toString());
        button.putObject("text").put("type", "plain_text").put("text", label);
        return button;
    }
}
