package io.vigil.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The report of a drill: lines printed as they happen (tagged, for the Maven log), kept for the
 * assertion messages, and written to a file at the end. {@link #stamp()} is the time since the drill
 * started, the clock its schedule is kept against.
 */
final class DrillReport {

    private final String tag;
    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    DrillReport(String tag) {
        this.tag = tag;
    }

    long startNanos() {
        return startNanos;
    }

    /** {@code "+ 12.3 s"}: the time since the drill started. */
    String stamp() {
        return String.format(Locale.ROOT, "+%5.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    synchronized void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        lines.add(text);
        System.out.println("[" + tag + "] " + text);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }

    synchronized void write(Path file) throws IOException {
        Files.write(file, lines);
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code nanos}. */
    static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
