package io.vigil.bench;

import io.vigil.oncall.CoverageWindow;
import io.vigil.oncall.Interval;
import io.vigil.oncall.Layer;
import io.vigil.oncall.LayerSchedule;
import io.vigil.oncall.OnCallBoard;
import io.vigil.oncall.Region;
import io.vigil.oncall.RotationSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Micro-benchmark of the on-call maths (issue 3): one {@code /oncall} evaluation over 3 regions ×
 * 2 layers with 100 overrides, and a one-year coverage report, on the pure {@link OnCallBoard}.
 * A plain timed loop after a long warm-up (JMH's annotation processor is not on the verified
 * stack); it reports the median of several measured batches. Bounded: a few seconds.
 * Run: {@code ./mvnw -Pbench -DskipTests verify} (runs after the API benchmark).
 */
public final class OnCallBenchmark {

    private OnCallBenchmark() {
    }

    public static void main(String[] args) {
        OnCallBoard board = board(100);
        Random random = new Random(42);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Instant[] instants = new Instant[4096];
        for (int i = 0; i < instants.length; i++) {
            instants[i] = base.plusSeconds(random.nextInt(365 * 24 * 3600));
        }

        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += board.at(instants[i & 4095]).regions().size();
        }
        double[] evalNanos = new double[7];
        for (int batch = 0; batch < evalNanos.length; batch++) {
            int n = 50_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += board.at(instants[(i * 7) & 4095]).regions().size();
            }
            evalNanos[batch] = (System.nanoTime() - start) / (double) n;
        }

        Interval year = new Interval(base, base.plus(Duration.ofDays(365)));
        for (int i = 0; i < 20; i++) {
            sink += board.coverage(year).gaps().size();
        }
        double[] coverageMillis = new double[7];
        for (int batch = 0; batch < coverageMillis.length; batch++) {
            long start = System.nanoTime();
            OnCallBoard.CoverageReport report = board.coverage(year);
            coverageMillis[batch] = (System.nanoTime() - start) / 1e6;
            sink += report.gaps().size() + report.unstaffed().size();
        }
        java.util.Arrays.sort(evalNanos);
        java.util.Arrays.sort(coverageMillis);
        System.out.printf(Locale.ROOT, "%n| measurement | median | min | max | target |%n|---|---:|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| /oncall evaluation, 3 regions x 2 layers, 100 overrides | %.1f µs | %.1f µs | %.1f µs | < 50 µs |%n",
                evalNanos[3] / 1000, evalNanos[0] / 1000, evalNanos[6] / 1000);
        System.out.printf(Locale.ROOT, "| one-year coverage report (same schedules) | %.1f ms | %.1f ms | %.1f ms | < 100 ms |%n",
                coverageMillis[3], coverageMillis[0], coverageMillis[6]);
        System.out.println("(checksum " + sink + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ")");
    }

    /** The default windows; a weekly PRIMARY and a daily SECONDARY per region; overrides spread over the year. */
    static OnCallBoard board(int overrides) {
        List<CoverageWindow> windows = List.of(
                new CoverageWindow(Region.APAC, ZoneId.of("Asia/Singapore"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
                new CoverageWindow(Region.EMEA, ZoneId.of("Europe/Dublin"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
                new CoverageWindow(Region.AMER, ZoneId.of("America/Los_Angeles"), LocalTime.of(8, 0), LocalTime.of(16, 0)));
        Random random = new Random(7);
        Map<Region, Map<Layer, LayerSchedule>> layers = new EnumMap<>(Region.class);
        int perLayer = overrides / 6;
        int left = overrides;
        for (CoverageWindow window : windows) {
            Map<Layer, LayerSchedule> byLayer = new EnumMap<>(Layer.class);
            for (Layer layer : Layer.values()) {
                List<UUID> people = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
                RotationSchedule rotation = new RotationSchedule(window.zone(), LocalDateTime.parse("2025-12-29T09:00"),
                        layer == Layer.PRIMARY ? Duration.ofDays(7) : Duration.ofDays(1), people);
                List<LayerSchedule.Cover> covers = new ArrayList<>();
                int count = window.region() == Region.AMER && layer == Layer.SECONDARY ? left : perLayer;
                Instant at = Instant.parse("2026-01-01T00:00:00Z");
                for (int i = 0; i < count; i++) {
                    at = at.plus(Duration.ofHours(24 + random.nextInt(48)));
                    covers.add(new LayerSchedule.Cover(UUID.randomUUID(), new Interval(at, at.plus(Duration.ofHours(4)))));
                }
                left -= count;
                byLayer.put(layer, new LayerSchedule(List.of(new LayerSchedule.Version(Instant.EPOCH, rotation)), covers));
            }
            layers.put(window.region(), byLayer);
        }
        return new OnCallBoard(windows, layers);
    }
}
