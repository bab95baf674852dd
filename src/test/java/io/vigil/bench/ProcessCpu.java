package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of a group of processes, read from {@code /proc/<pid>/stat} on Linux.
 * A snapshot remembers each process's ticks; a delta between two snapshots counts processes that
 * appeared in between from zero. Processes that exited in between are lost, so figures are a
 * slight underestimate (PostgreSQL's short-lived autovacuum workers); pooled connections live for
 * the whole run. Elsewhere than Linux every figure is {@code NaN}.
 */
final class ProcessCpu {

    private static final long TICKS_PER_SECOND = clockTicks();

    private final String name;
    private final Supplier<Stream<Long>> pids;

    ProcessCpu(String name, Supplier<Stream<Long>> pids) {
        this.name = name;
        this.pids = pids;
    }

    String name() {
        return name;
    }

    /** The benchmark's own JVM: the load generator (HTTP client, or the direct PostgreSQL client). */
    static ProcessCpu self(String name) {
        long pid = ProcessHandle.current().pid();
        return new ProcessCpu(name, () -> Stream.of(pid));
    }

    /** A process and all its descendants (the app JVM; the postmaster and its backends). */
    static ProcessCpu tree(String name, Supplier<Long> rootPid) {
        return new ProcessCpu(name, () -> {
            Long root = rootPid.get();
            if (root == null) {
                return Stream.empty();
            }
            return Stream.concat(Stream.of(root), ProcessHandle.of(root).stream()
                    .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid));
        });
    }

    Map<Long, Long> snapshot() {
        Map<Long, Long> ticks = new HashMap<>();
        pids.get().forEach(pid -> {
            long t = ticks(pid);
            if (t >= 0) {
                ticks.put(pid, t);
            }
        });
        return ticks;
    }

    /** CPU seconds spent by the group between two snapshots. */
    static double secondsBetween(Map<Long, Long> before, Map<Long, Long> after) {
        if (TICKS_PER_SECOND <= 0) {
            return Double.NaN;
        }
        long total = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            total += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return (double) total / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the whole machine has spent busy (user, nice, system, irq, softirq, steal) since
     * boot, from the first line of {@code /proc/stat}: with the per-process figures it shows how much
     * of the machine other processes took during a phase. {@code NaN} where unreadable.
     */
    static double machineBusySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return TICKS_PER_SECOND > 0 ? (double) busy / TICKS_PER_SECOND : Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime of one process in clock ticks, or -1 when unreadable. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: parse after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
