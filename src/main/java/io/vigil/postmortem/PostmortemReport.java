package io.vigil.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The post-incident report leadership forwards, as Markdown or HTML, from plain facts: the header
 * (reference, severity, category, region, dates), summary, impact, timeline, root cause, contributing
 * factors, what went well and wrong, action items with owners and state, and the key durations
 * against the severity's target. Pure: the same facts always give the same bytes.
 */
public final class PostmortemReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the report says. Dates may be null (the milestone did not happen). */
    public record Facts(String reference, String title, String severity, String category, String region,
                        String status, String postmortemStatus, Instant declaredAt, Instant acknowledgedAt,
                        Instant mitigatedAt, Instant resolvedAt, Instant closedAt, Instant publishedAt,
                        String summary, String impact, String rootCause, String contributingFactors,
                        String wentWell, String wentWrong, List<Entry> timeline, List<Item> actionItems,
                        Duration timeToAcknowledge, Duration timeToMitigate, Duration timeToResolve,
                        Duration ackTarget) {
    }

    public record Entry(Instant at, String type, String actor, String text) {
    }

    public record Item(String title, String owner, LocalDate dueDate, String priority, String status,
                       boolean overdue) {
    }

    private PostmortemReport() {
    }

    public static String markdown(Facts f) {
        StringBuilder md = new StringBuilder();
        md.append("# Post-incident report: ").append(f.reference()).append(" — ").append(oneLine(f.title()))
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        for (String[] row : header(f)) {
            md.append("| ").append(row[0]).append(" | ").append(cell(row[1])).append(" |\n");
        }
        section(md, "Summary", f.summary());
        section(md, "Impact", f.impact());
        md.append("\n## Key durations\n\n| measure | actual | target |\n|---|---|---|\n");
        for (String[] row : durations(f)) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        section(md, "Root cause", f.rootCause());
        section(md, "Contributing factors", f.contributingFactors());
        section(md, "What went well", f.wentWell());
        section(md, "What went wrong", f.wentWrong());
        md.append("\n## Action items\n\n");
        if (f.actionItems().isEmpty()) {
            md.append("_None._\n");
        } else {
            md.append("| action | owner | due | priority | state |\n|---|---|---|---|---|\n");
            for (Item item : f.actionItems()) {
                md.append("| ").append(cell(item.title())).append(" | ").append(cell(dash(item.owner())))
                        .append(" | ").append(item.dueDate() == null ? "—" : item.dueDate().toString())
                        .append(" | ").append(item.priority()).append(" | ").append(item.status())
                        .append(item.overdue() ? " (overdue)" : "").append(" |\n");
            }
        }
        md.append("\n## Timeline\n\n| time | event | by | what happened |\n|---|---|---|---|\n");
        for (Entry e : f.timeline()) {
            md.append("| ").append(WHEN.format(e.at())).append(" | ").append(e.type()).append(" | ")
                    .append(cell(e.actor() == null ? "Vigil" : "@" + e.actor())).append(" | ")
                    .append(cell(e.text())).append(" |\n");
        }
        return md.toString();
    }

    /** A whole HTML document: the report with its own minimal style, to save or forward. */
    public static String html(Facts f) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(f.reference()) + " post-incident report</title>"
                + "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
                + "color:#1b1b1b}table{border-collapse:collapse;width:100%;margin:.5rem 0}"
                + "th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
                + "th{background:#f3f3f3}.late{color:#a40000;font-weight:600}</style></head><body>\n"
                + htmlBody(f) + "</body></html>\n";
    }

    /** The report as an HTML fragment, for a page that brings its own layout. */
    public static String htmlBody(Facts f) {
        StringBuilder h = new StringBuilder();
        h.append("<h1>Post-incident report: ").append(esc(f.reference())).append(" — ").append(esc(oneLine(f.title())))
                .append("</h1>\n<table>");
        for (String[] row : header(f)) {
            h.append("<tr><th>").append(row[0]).append("</th><td>").append(esc(row[1])).append("</td></tr>");
        }
        h.append("</table>\n");
        htmlSection(h, "Summary", f.summary());
        htmlSection(h, "Impact", f.impact());
        h.append("<h2>Key durations</h2>\n<table><tr><th>measure</th><th>actual</th><th>target</th></tr>");
        for (String[] row : durations(f)) {
            h.append("<tr><td>").append(row[0]).append("</td><td>").append(esc(row[1])).append("</td><td>")
                    .append(esc(row[2])).append("</td></tr>");
        }
        h.append("</table>\n");
        htmlSection(h, "Root cause", f.rootCause());
        htmlSection(h, "Contributing factors", f.contributingFactors());
        htmlSection(h, "What went well", f.wentWell());
        htmlSection(h, "What went wrong", f.wentWrong());
        h.append("<h2>Action items</h2>\n");
        if (f.actionItems().isEmpty()) {
            h.append("<p><em>None.</em></p>\n");
        } else {
            h.append("<table><tr><th>action</th><th>owner</th><th>due</th><th>priority</th><th>state</th></tr>");
            for (Item item : f.actionItems()) {
                h.append("<tr><td>").append(esc(item.title())).append("</td><td>").append(esc(dash(item.owner())))
                        .append("</td><td>").append(item.dueDate() == null ? "—" : item.dueDate().toString())
                        .append("</td><td>").append(item.priority()).append("</td><td")
                        .append(item.overdue() ? " class=\"late\">" : ">").append(item.status())
                        .append(item.overdue() ? " (overdue)" : "").append("</td></tr>");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Timeline</h2>\n<table><tr><th>time</th><th>event</th><th>by</th><th>what happened</th></tr>");
        for (Entry e : f.timeline()) {
            h.append("<tr><td>").append(WHEN.format(e.at())).append("</td><td>").append(e.type()).append("</td><td>")
                    .append(esc(e.actor() == null ? "Vigil" : "@" + e.actor())).append("</td><td>")
                    .append(esc(e.text())).append("</td></tr>");
        }
        h.append("</table>\n");
        return h.toString();
    }

    /** {@code 1 h 05 min}, {@code 4 min 30 s}, {@code 45 s}; "—" for a milestone that did not happen. */
    public static String human(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = d.toSeconds();
        if (s >= 3600) {
            return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
        }
        if (s >= 60) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return s + " s";
    }

    private static List<String[]> header(Facts f) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Severity", f.severity()});
        rows.add(new String[] {"Category", f.category()});
        rows.add(new String[] {"Region", f.region()});
        rows.add(new String[] {"Incident status", f.status()});
        rows.add(new String[] {"Post-mortem", f.postmortemStatus() + (f.publishedAt() == null ? ""
                : ", published " + WHEN.format(f.publishedAt()))});
        rows.add(new String[] {"Declared", when(f.declaredAt())});
        rows.add(new String[] {"First acknowledged", when(f.acknowledgedAt())});
        rows.add(new String[] {"Mitigated", when(f.mitigatedAt())});
        rows.add(new String[] {"Resolved", when(f.resolvedAt())});
        rows.add(new String[] {"Closed", when(f.closedAt())});
        return rows;
    }

    private static List<String[]> durations(Facts f) {
        String target = f.ackTarget() == null ? "—" : human(f.ackTarget());
        String verdict = f.ackTarget() == null || f.timeToAcknowledge() == null ? ""
                : f.timeToAcknowledge().compareTo(f.ackTarget()) <= 0 ? " (met)" : " (missed)";
        return List.of(
                new String[] {"Time to acknowledge", human(f.timeToAcknowledge()), target + verdict},
                new String[] {"Time to mitigate", human(f.timeToMitigate()), "—"},
                new String[] {"Time to resolve", human(f.timeToResolve()), "—"});
    }

    private static void section(StringBuilder md, String title, String text) {
        md.append("\n## ").append(title).append("\n\n").append(text == null || text.isBlank() ? "_Not written._"
                : text.strip()).append("\n");
    }

    private static void htmlSection(StringBuilder h, String title, String text) {
        h.append("<h2>").append(title).append("</h2>\n");
        if (text == null || text.isBlank()) {
            h.append("<p><em>Not written.</em></p>\n");
            return;
        }
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            h.append("<p>").append(esc(paragraph).replace("\n", "<br>")).append("</p>\n");
        }
    }

    private static String when(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** A Markdown table cell: one line, pipes escaped. */
    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
