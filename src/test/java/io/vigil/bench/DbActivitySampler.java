package io.vigil.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A poor man's wait profile of PostgreSQL: samples {@code pg_stat_activity} every {@code periodMillis}
 * and counts, per (state, wait event, statement), how many client backends were in it. Divided by the
 * number of samples, a count is the average number of connections busy that way — where the database
 * time of a phase goes, and which statements wait on which locks.
 */
final class DbActivitySampler implements AutoCloseable {

    private static final String QUERY = """
            select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') as waiting,
                   regexp_replace(left(query, 90), '\\s+', ' ', 'g') as statement
            from pg_stat_activity
            where backend_type = 'client backend' and pid <> pg_backend_pid() and state <> 'idle'""";

    /** What the holder of a lock is doing while others wait for it (first blocker of each waiter). */
    private static final String BLOCKERS = """
            select distinct on (b.pid) b.state, coalesce(b.wait_event_type || ':' || b.wait_event, 'on CPU'),
                   regexp_replace(left(b.query, 90), '\\s+', ' ', 'g'),
                   extract(epoch from now() - b.xact_start) * 1000
            from pg_stat_activity w, unnest(pg_blocking_pids(w.pid)) as bp(pid), pg_stat_activity b
            where b.pid = bp.pid and w.wait_event_type = 'Lock' and w.pid <> pg_backend_pid()""";

    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Integer> blockers = new HashMap<>();
    private final Map<String, Double> blockerAge = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int samples;

    DbActivitySampler(int port, long periodMillis) {
        thread = new Thread(() -> {
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                    "postgres", "postgres"); Statement sql = db.createStatement()) {
                while (running.get()) {
                    try (ResultSet rows = sql.executeQuery(QUERY)) {
                        synchronized (counts) {
                            samples++;
                            while (rows.next()) {
                                counts.merge(rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3), 1,
                                        Integer::sum);
                            }
                        }
                    }
                    try (ResultSet rows = sql.executeQuery(BLOCKERS)) {
                        synchronized (counts) {
                            while (rows.next()) {
                                String key = rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3);
                                blockers.merge(key, 1, Integer::sum);
                                blockerAge.merge(key, rows.getDouble(4), Double::sum);
                            }
                        }
                    }
                    Thread.sleep(periodMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("pg_stat_activity sampler stopped: " + e);
            }
        }, "pg-activity-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Forgets what was counted so far (start of a phase). */
    void reset() {
        synchronized (counts) {
            counts.clear();
            blockers.clear();
            blockerAge.clear();
            samples = 0;
        }
    }

    /** The top {@code n} (state | wait | statement) rows as a markdown table, average busy connections each. */
    String table(int n) {
        synchronized (counts) {
            if (samples == 0) {
                return "(no samples)\n";
            }
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n).toList();
            return String.format(Locale.ROOT, "%d samples; on average %.2f connections not idle%n%n", samples,
                    (double) total / samples)
                    + "| state | waiting on | statement | avg connections |\n|---|---|---|---:|\n"
                    + top.stream().map(e -> {
                        String[] f = e.getKey().split(" \\| ", 3);
                        return String.format(Locale.ROOT, "| %s | %s | `%s` | %.2f |", f[0], f[1],
                                f[2].replace("|", "\\|").replace("`", "'"), (double) e.getValue() / samples);
                    }).collect(Collectors.joining("\n", "", "\n"));
        }
    }

    /** The top {@code n} lock holders that others waited for: what they were doing, and their transaction's age. */
    String blockerTable(int n) {
        synchronized (counts) {
            if (samples == 0 || blockers.isEmpty()) {
                return "(nobody waited on a lock)\n";
            }
            return "| holder's state | waiting on | holder's statement | avg holders | avg transaction age ms |\n"
                    + "|---|---|---|---:|---:|\n"
                    + blockers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(n).map(e -> {
                        String[] f = e.getKey().split(" \\| ", 3);
                        return String.format(Locale.ROOT, "| %s | %s | `%s` | %.2f | %.1f |", f[0], f[1],
                                f[2].replace("|", "\\|").replace("`", "'"), (double) e.getValue() / samples,
                                blockerAge.get(e.getKey()) / e.getValue());
                    }).collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(2_000);
    }
}
