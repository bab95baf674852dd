package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and software a run measured, for the report. */
record Machine(String cpu, int cores, String memory, String os, String java, String postgres,
               String postgresSettings, String revision) {

    static Machine describe(DirectInserts db) throws Exception {
        String settings = "shared_buffers=" + db.sql("show shared_buffers")
                + ", synchronous_commit=" + db.sql("show synchronous_commit")
                + ", fsync=" + db.sql("show fsync")
                + ", max_connections=" + db.sql("show max_connections");
        return new Machine(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemory(), readOs(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                db.sql("select version()"), settings, readRevision());
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String readMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .map(kb -> String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0))
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readOs() {
        String pretty = null;
        try {
            pretty = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse(null);
        } catch (IOException e) {
            // not Linux, or no os-release
        }
        return (pretty == null ? "" : pretty + ", ") + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** The git commit measured, when run from a clone; {@code bench.revision} otherwise. */
    private static String readRevision() {
        String given = System.getProperty("bench.revision");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String head = command("git", "rev-parse", "--short", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown (not a git clone; pass -Dbench.revision=...)";
        }
        String status = command("git", "status", "--porcelain", "--untracked-files=no");
        return head.trim() + (status != null && !status.isBlank() ? " with uncommitted changes" : "");
    }

    private static String command(String... args) {
        try {
            Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(false).start();
            p.getErrorStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
