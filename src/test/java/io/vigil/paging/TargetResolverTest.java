package io.vigil.paging;

import static io.vigil.paging.EscalationTarget.Type.ACTIVE_PRIMARY;
import static io.vigil.paging.EscalationTarget.Type.ACTIVE_SECONDARY;
import static io.vigil.paging.EscalationTarget.Type.DUTY_LEAD;
import static io.vigil.paging.EscalationTarget.Type.REGION_MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Targets become the people on call at the instant: gap hours and overrides included. */
class TargetResolverTest {

    private static final UUID EMEA_P = UUID.randomUUID();
    private static final UUID EMEA_S = UUID.randomUUID();
    private static final UUID AMER_P = UUID.randomUUID();
    private static final UUID COVER = UUID.randomUUID();
    private static final UUID AMER_MANAGER = UUID.randomUUID();
    private static final UUID LEAD = UUID.randomUUID();

    private static OnCallBoard board() {
        List<CoverageWindow> windows = List.of(
                new CoverageWindow(Region.APAC, ZoneId.of("Asia/Singapore"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
                new CoverageWindow(Region.EMEA, ZoneId.of("Europe/Dublin"), LocalTime.of(8, 0), LocalTime.of(16, 0)),
                new CoverageWindow(Region.AMER, ZoneId.of("America/Los_Angeles"), LocalTime.of(8, 0), LocalTime.of(16, 0)));
        Map<Region, Map<Layer, LayerSchedule>> layers = new EnumMap<>(Region.class);
        layers.put(Region.EMEA, Map.of(
                Layer.PRIMARY, layer(ZoneId.of("Europe/Dublin"), EMEA_P, List.of(new LayerSchedule.Cover(COVER,
                        new Interval(Instant.parse("2026-07-15T10:00:00Z"), Instant.parse("2026-07-15T11:00:00Z"))))),
                Layer.SECONDARY, layer(ZoneId.of("Europe/Dublin"), EMEA_S, List.of())));
        layers.put(Region.AMER, Map.of(Layer.PRIMARY, layer(ZoneId.of("America/Los_Angeles"), AMER_P, List.of())));
        return new OnCallBoard(windows, layers);
    }

    private static LayerSchedule layer(ZoneId zone, UUID who, List<LayerSchedule.Cover> covers) {
        return new LayerSchedule(List.of(new LayerSchedule.Version(Instant.EPOCH,
                new RotationSchedule(zone, LocalDateTime.parse("2026-01-05T09:00"), Duration.ofDays(7), List.of(who)))),
                covers);
    }

    private static List<UUID> resolve(String at, EscalationTarget... targets) {
        return TargetResolver.resolve(List.of(targets), board().at(Instant.parse(at)),
                Map.of(Region.AMER, AMER_MANAGER), LEAD);
    }

    @Test
    void theActiveRegionsLayersAreNotified() {
        assertThat(resolve("2026-07-15T12:00:00Z", EscalationTarget.of(ACTIVE_PRIMARY))).containsExactly(EMEA_P);
        assertThat(resolve("2026-07-15T12:00:00Z", EscalationTarget.of(ACTIVE_SECONDARY))).containsExactly(EMEA_S);
    }

    @Test
    void anOverrideIsPagedInsteadOfTheRotation() {
        assertThat(resolve("2026-07-15T10:30:00Z", EscalationTarget.of(ACTIVE_PRIMARY))).containsExactly(COVER);
    }

    @Test
    void aGapHourPagesTheRegionThatKeptThePager() {
        assertThat(resolve("2026-07-15T23:30:00Z", EscalationTarget.of(ACTIVE_PRIMARY))).containsExactly(AMER_P);
        assertThat(resolve("2026-07-15T23:30:00Z", EscalationTarget.of(REGION_MANAGER))).containsExactly(AMER_MANAGER);
    }

    @Test
    void emptyTargetsResolveToNobodyAndPeopleAreNamedOnce() {
        assertThat(resolve("2026-07-15T12:00:00Z", EscalationTarget.of(REGION_MANAGER))).isEmpty(); // EMEA has none
        assertThat(resolve("2026-07-15T20:00:00Z", EscalationTarget.of(ACTIVE_SECONDARY))).isEmpty(); // AMER has none
        UUID someone = UUID.randomUUID();
        assertThat(resolve("2026-07-15T12:00:00Z", EscalationTarget.of(DUTY_LEAD),
                new EscalationTarget(EscalationTarget.Type.USER, null, LEAD),
                new EscalationTarget(EscalationTarget.Type.USER, null, someone))).containsExactly(LEAD, someone);
    }
}
