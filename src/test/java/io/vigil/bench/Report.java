package io.vigil.bench;

import io.vigil.bench.ApiThroughputBenchmark.Phase;
import io.vigil.bench.ApiThroughputBenchmark.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders a run as Markdown: the table docs/performance.md quotes, CPU per operation, rows, machine. */
final class Report {

    /** Half the ceiling: the goal of issue 2. */
    static final double GOAL = 0.50;

    /** One operation measured both ways. */
    record Pair(String operation, String endpoint, Phase api, Phase ceiling) {
        double ratio() {
            return api.result().opsPerSecond() / ceiling.result().opsPerSecond();
        }
    }

    private Report() {
    }

    static String markdown(Instant startedAt, Settings s, Machine m, List<Pair> pairs) {
        StringBuilder md = new StringBuilder();
        md.append("## Vigil API throughput vs. direct-insert ceiling\n\n");
        md.append(String.format(Locale.ROOT, "Run %s, revision %s: %d measured operations per phase after %d warm-up,"
                + " %d in flight, pool size %d.%n%n", startedAt, m.revision(), s.count(), s.warmup(), s.concurrency(),
                s.poolSize()));

        md.append("| operation | API ops/s | ceiling ops/s | API / ceiling | API p50 ms | API p90 ms | API p99 ms"
                + " | ceiling p50 ms | ceiling p99 ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            ClosedLoop.Result a = p.api().result();
            ClosedLoop.Result c = p.ceiling().result();
            md.append(String.format(Locale.ROOT, "| %s %s | %.0f | %.0f | **%.0f %%** | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    p.operation(), p.endpoint(), a.opsPerSecond(), c.opsPerSecond(), 100 * p.ratio(),
                    a.percentileMillis(50), a.percentileMillis(90), a.percentileMillis(99),
                    c.percentileMillis(50), c.percentileMillis(99)));
        }
        md.append("\nGoal, the API at ≥ 50 % of the ceiling: ");
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            md.append(i == 0 ? "" : "; ").append(p.operation()).append(' ')
                    .append(p.ratio() >= GOAL ? "**met**" : "**not met**")
                    .append(String.format(Locale.ROOT, " (%.0f %%)", 100 * p.ratio()));
        }
        md.append(".\n\n");

        md.append("### CPU per operation (ms), by process\n\n");
        md.append("| phase | ops/s | load generator | service JVM | PostgreSQL | total | machine busy |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            for (Phase ph : List.of(p.api(), p.ceiling())) {
                ClosedLoop.Result r = ph.result();
                double[] cpu = ph.cpuSeconds();
                double total = cpu[0] + cpu[1] + cpu[2];
                md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.0f %% |%n",
                        r.name(), r.opsPerSecond(), perOp(cpu[0], r), perOp(cpu[1], r), perOp(cpu[2], r),
                        perOp(total, r), 100 * total / r.seconds() / m.cores()));
            }
        }
        md.append("\nLoad generator: this benchmark's JVM (java.net.http client for the API phases, the Vert.x "
                + "PostgreSQL client for the ceiling). Machine busy: CPU time of all three / (wall time × "
                + m.cores() + " cores).\n\n");

        md.append("### Rows written per operation\n\n");
        md.append("| phase | incident | timeline_entry | audit_entry |\n|---|---:|---:|---:|\n");
        for (Pair p : pairs) {
            for (Phase ph : List.of(p.api(), p.ceiling())) {
                long[] rows = ph.rowsWritten();
                int n = ph.result().count();
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", ph.result().name(),
                        (double) rows[0] / n, (double) rows[1] / n, (double) rows[2] / n));
            }
        }

        md.append("\n### Machine\n\n");
        md.append("- CPU: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores available to the JVM\n");
        md.append("- Memory: ").append(m.memory()).append('\n');
        md.append("- OS: ").append(m.os()).append('\n');
        md.append("- Java (benchmark and service): ").append(m.java()).append('\n');
        md.append("- PostgreSQL (embedded, zonky): ").append(m.postgres()).append('\n');
        md.append("- PostgreSQL settings: ").append(m.postgresSettings()).append('\n');

        md.append("\n### Parameters\n\n");
        md.append(String.format(Locale.ROOT, "- bench.warmup=%d, bench.count=%d, bench.concurrency=%d,"
                + " bench.poolSize=%d%n", s.warmup(), s.count(), s.concurrency(), s.poolSize()));
        md.append("- service JVM options: ").append(s.appJvmArgs().isEmpty() ? "none (JVM defaults)"
                : String.join(" ", s.appJvmArgs())).append('\n');
        md.append("- HTTP: java.net.http.HttpClient, HTTP/1.1 keep-alive, one connection per request in flight,"
                + " loopback\n");
        return md.toString();
    }

    private static double perOp(double seconds, ClosedLoop.Result r) {
        return seconds * 1000 / r.count();
    }
}
