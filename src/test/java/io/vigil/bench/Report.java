package io.vigil.bench;

import io.vigil.bench.ApiThroughputBenchmark.Phase;
import io.vigil.bench.ApiThroughputBenchmark.Settings;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Renders a run as Markdown: the summary table docs/performance.md quotes (medians over the
 * rounds), each round, CPU per operation by process, rows written, machine and parameters.
 */
final class Report {

    /** Half the ceiling: the goal of issue 2. */
    static final double GOAL = 0.50;

    /** One operation measured both ways, round by round. */
    record Pair(String operation, String endpoint, List<Phase> api, List<Phase> ceiling) {

        double ratio(int round) {
            return api.get(round).result().opsPerSecond() / ceiling.get(round).result().opsPerSecond();
        }

        double medianRatio() {
            return median(IntStream.range(0, api.size()).mapToDouble(this::ratio).toArray());
        }
    }

    /** Phases of one kind summed over the rounds. */
    private record Total(String name, int count, double seconds, long[] latencies, double[] cpu, double other,
                         long[] rows) {

        static Total of(List<Phase> phases) {
            int count = 0;
            double seconds = 0;
            double other = 0;
            double[] cpu = new double[3];
            long[] rows = new long[3];
            long[] latencies = new long[0];
            for (Phase p : phases) {
                count += p.result().count();
                seconds += p.result().seconds();
                other += p.otherCpuSeconds();
                for (int i = 0; i < 3; i++) {
                    cpu[i] += p.cpuSeconds()[i];
                    rows[i] += p.rowsWritten()[i];
                }
                long[] l = p.result().latencyNanos();
                long[] merged = Arrays.copyOf(latencies, latencies.length + l.length);
                System.arraycopy(l, 0, merged, latencies.length, l.length);
                latencies = merged;
            }
            String name = phases.get(0).result().name().replaceAll(" #\\d+$", "");
            return new Total(name, count, seconds, latencies, cpu, other, rows);
        }

        double percentileMillis(double p) {
            return ClosedLoop.percentileMillis(latencies, p);
        }

        double perOpMillis(double cpuSeconds) {
            return cpuSeconds * 1000 / count;
        }
    }

    private Report() {
    }

    static String markdown(Instant startedAt, Settings s, Machine m, String loadClient, List<String> leftToDefault,
                           List<Pair> pairs) {
        StringBuilder md = new StringBuilder();
        md.append("## Vigil API throughput vs. direct-insert ceiling\n\n");
        md.append(String.format(Locale.ROOT, "Run %s, revision %s: %d round%s of %d measured operations per phase "
                        + "(after %d warm-up), %d in flight, pool size %d. Throughput: median over the rounds; ratio: "
                        + "median of the per-round ratios; latency: all rounds.%n%n", startedAt, m.revision(),
                s.rounds(), s.rounds() == 1 ? "" : "s", s.count(), s.warmup(), s.concurrency(), s.poolSize()));

        md.append("| operation | API ops/s | ceiling ops/s | API / ceiling | API p50 ms | API p90 ms | API p99 ms"
                + " | ceiling p50 ms | ceiling p99 ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            Total a = Total.of(p.api());
            Total c = Total.of(p.ceiling());
            md.append(String.format(Locale.ROOT, "| %s %s | %.0f | %.0f | **%.0f %%** | %.1f | %.1f | %.1f | %.1f | "
                            + "%.1f |%n", p.operation(), p.endpoint(), medianOps(p.api()), medianOps(p.ceiling()),
                    100 * p.medianRatio(), a.percentileMillis(50), a.percentileMillis(90), a.percentileMillis(99),
                    c.percentileMillis(50), c.percentileMillis(99)));
        }
        md.append("\nGoal, the API at ≥ 50 % of the ceiling: ");
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            md.append(i == 0 ? "" : "; ").append(p.operation()).append(' ')
                    .append(p.medianRatio() >= GOAL ? "**met**" : "**not met**")
                    .append(String.format(Locale.ROOT, " (%.0f %%)", 100 * p.medianRatio()));
        }
        md.append(".\n\n");

        md.append("### Rounds (ops/s)\n\n| round |");
        for (Pair p : pairs) {
            md.append(' ').append(p.operation()).append(" API | ").append(p.operation()).append(" ceiling | ratio |");
        }
        md.append(" other processes, max |\n|---:|");
        md.append("---:|---:|---:|".repeat(pairs.size())).append("---:|\n");
        double worstOther = 0;
        for (int r = 0; r < s.rounds(); r++) {
            md.append("| ").append(r + 1).append(" |");
            double other = 0;
            for (Pair p : pairs) {
                md.append(String.format(Locale.ROOT, " %.0f | %.0f | %.0f %% |", p.api().get(r).result().opsPerSecond(),
                        p.ceiling().get(r).result().opsPerSecond(), 100 * p.ratio(r)));
                other = Math.max(other, Math.max(otherShare(p.api().get(r), m), otherShare(p.ceiling().get(r), m)));
            }
            worstOther = Math.max(worstOther, other);
            md.append(String.format(Locale.ROOT, " %.0f %% |%n", 100 * other));
        }
        md.append("\nOther processes: the share of the machine's CPU that processes outside the benchmark used "
                + "during a phase (from /proc/stat).\n");
        if (worstOther > 0.10) {
            md.append(String.format(Locale.ROOT, "%n**Warning:** other processes took up to %.0f %% of the machine "
                    + "during a phase; throughput of the disturbed rounds is low. CPU per operation (below) is the "
                    + "steadier figure.%n", 100 * worstOther));
        }
        md.append('\n');

        md.append("### CPU per operation (ms), by process, all rounds\n\n");
        md.append("| phase | load generator | service JVM | PostgreSQL | total | busy |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            for (Total t : List.of(Total.of(p.api()), Total.of(p.ceiling()))) {
                double total = t.cpu()[0] + t.cpu()[1] + t.cpu()[2];
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.0f %% |%n", t.name(),
                        t.perOpMillis(t.cpu()[0]), t.perOpMillis(t.cpu()[1]), t.perOpMillis(t.cpu()[2]),
                        t.perOpMillis(total), 100 * total / t.seconds() / m.cores()));
            }
        }
        md.append("\nLoad generator: this benchmark's JVM (the HTTP client in the API phases, the Vert.x "
                + "PostgreSQL client in the ceiling phases). Busy: CPU time of the three / (wall time × " + m.cores()
                + " cores).\n");
        md.append("\nCPU per operation without the HTTP load generator (API: service JVM + PostgreSQL; ceiling: "
                + "direct client + PostgreSQL): ");
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            Total a = Total.of(p.api());
            Total c = Total.of(p.ceiling());
            double api = a.perOpMillis(a.cpu()[1] + a.cpu()[2]);
            double ceiling = c.perOpMillis(c.cpu()[0] + c.cpu()[2]);
            md.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s %.2f ms via the API vs %.2f ms direct (%.0f %%)", p.operation(), api, ceiling,
                    100 * ceiling / api));
        }
        md.append(".\n\n");

        md.append("### Rows written per operation\n\n");
        md.append("| phase | incident | timeline_entry | audit_entry |\n|---|---:|---:|---:|\n");
        for (Pair p : pairs) {
            for (Total t : List.of(Total.of(p.api()), Total.of(p.ceiling()))) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", t.name(),
                        (double) t.rows()[0] / t.count(), (double) t.rows()[1] / t.count(),
                        (double) t.rows()[2] / t.count()));
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
        md.append(String.format(Locale.ROOT, "- bench.warmup=%d, bench.count=%d, bench.rounds=%d, "
                + "bench.concurrency=%d, bench.poolSize=%d%n", s.warmup(), s.count(), s.rounds(), s.concurrency(),
                s.poolSize()));
        md.append("- service JVM options: ").append(s.appJvmArgs().isEmpty() ? "none (JVM defaults)"
                : String.join(" ", s.appJvmArgs())).append('\n');
        if (!leftToDefault.isEmpty()) {
            md.append("- optional columns the ceiling leaves to their default: ").append(String.join(", ", leftToDefault))
                    .append('\n');
        }
        md.append("- HTTP load generator (bench.httpClient=").append(s.httpClient()).append("): ").append(loadClient)
                .append(", loopback\n");
        return md.toString();
    }

    private static double medianOps(List<Phase> phases) {
        return median(phases.stream().mapToDouble(p -> p.result().opsPerSecond()).toArray());
    }

    private static double otherShare(Phase p, Machine m) {
        return p.otherCpuSeconds() / p.result().seconds() / m.cores();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
