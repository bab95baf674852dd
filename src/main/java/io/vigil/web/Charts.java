package io.vigil.web;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the report page: no script, no library, readable when printed. Pure:
 * labels and values in, markup out (labels escaped).
 */
public final class Charts {

    /** One bar of a stacked bar chart: its label and the height of each stack, bottom first. */
    public record Stack(String label, List<Integer> values) {
    }

    /** One point of a line: its label and value (null: no data, a gap). */
    public record Point(String label, Double value) {
    }

    private static final int W = 640;
    private static final int H = 220;
    private static final int PAD = 30;

    private Charts() {
    }

    /** Stacked bars, e.g. incidents per week by severity; {@code colors} per stack, bottom first. */
    public static String stacked(String title, List<Stack> bars, List<String> series, List<String> colors) {
        int max = Math.max(1, bars.stream().mapToInt(b -> b.values().stream().mapToInt(Integer::intValue).sum())
                .max().orElse(1));
        double slot = (W - 2.0 * PAD) / Math.max(1, bars.size());
        StringBuilder svg = open(title);
        for (int i = 0; i < bars.size(); i++) {
            Stack bar = bars.get(i);
            double x = PAD + i * slot + slot * 0.15;
            double y = H - PAD;
            for (int s = 0; s < bar.values().size(); s++) {
                double h = (H - 2.0 * PAD) * bar.values().get(s) / max;
                if (h > 0) {
                    y -= h;
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                            x, y, slot * 0.7, h, colors.get(s % colors.size()), esc(bar.label()),
                            esc(series.get(s)), bar.values().get(s)));
                }
            }
            label(svg, x + slot * 0.35, bar.label(), i, bars.size());
        }
        axis(svg, max + "");
        legend(svg, series, colors);
        return svg.append("</svg>").toString();
    }

    /** Lines, e.g. MTTA and MTTR per week in minutes; one list of points per series, same labels. */
    public static String lines(String title, List<List<Point>> series, List<String> names, List<String> colors) {
        double max = 1;
        for (List<Point> line : series) {
            for (Point p : line) {
                if (p.value() != null) {
                    max = Math.max(max, p.value());
                }
            }
        }
        StringBuilder svg = open(title);
        int n = series.isEmpty() ? 0 : series.get(0).size();
        double step = n <= 1 ? 0 : (W - 2.0 * PAD) / (n - 1);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                Point p = series.get(s).get(i);
                if (p.value() == null) {
                    pen = false;
                    continue;
                }
                double x = PAD + i * step;
                double y = H - PAD - (H - 2.0 * PAD) * p.value() / max;
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %.1f</title></circle>",
                        x, y, colors.get(s), esc(p.label()), esc(names.get(s)), p.value()));
                pen = true;
            }
            if (path.length() > 0) {
                svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"")
                        .append(colors.get(s)).append("\" stroke-width=\"2\"/>");
            }
        }
        for (int i = 0; i < n; i++) {
            label(svg, PAD + i * step, series.get(0).get(i).label(), i, n);
        }
        axis(svg, String.format(Locale.ROOT, "%.0f", max));
        legend(svg, names, colors);
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, e.g. pages per responder. */
    public static String bars(String title, List<Point> bars, String color) {
        double max = 1;
        for (Point p : bars) {
            if (p.value() != null && p.value() > max) {
                max = p.value();
            }
        }
        int height = Math.max(60, 22 * bars.size() + 20);
        StringBuilder svg = new StringBuilder("<svg role=\"img\" viewBox=\"0 0 " + W + " " + height
                + "\" width=\"100%\" class=\"chart\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>");
        for (int i = 0; i < bars.size(); i++) {
            Point p = bars.get(i);
            double w = (W - 200.0) * (p.value() == null ? 0 : p.value()) / max;
            double y = 10 + i * 22;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%.1f\" font-size=\"12\">%s</text>", y + 13,
                    esc(p.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"170\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                    y, w, color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%.0f</text>",
                    176 + w, y + 13, p.value() == null ? 0 : p.value()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg role=\"img\" viewBox=\"0 0 " + W + " " + H + "\" width=\"100%\" class=\"chart\""
                + " aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>");
    }

    private static void axis(StringBuilder svg, String max) {
        svg.append("<line x1=\"" + PAD + "\" y1=\"" + (H - PAD) + "\" x2=\"" + (W - PAD) + "\" y2=\"" + (H - PAD)
                + "\" stroke=\"#999\"/><text x=\"2\" y=\"" + (PAD + 4) + "\" font-size=\"11\">" + esc(max) + "</text>");
    }

    private static void label(StringBuilder svg, double x, String text, int i, int n) {
        if (n > 8 && i % 2 == 1) {
            return; // every other label when crowded
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                x, H - PAD + 14, esc(text)));
    }

    private static void legend(StringBuilder svg, List<String> names, List<String> colors) {
        for (int i = 0; i < names.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"13\" font-size=\"11\">%s</text>", PAD + i * 90, colors.get(i % colors.size()),
                    PAD + 14 + i * 90, esc(names.get(i))));
        }
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
