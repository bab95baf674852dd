package io.vigil.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rotations, overrides and the on-call answer. Reads regions, versions and overrides; decides with {@link OnCallBoard}. */
@ApplicationScoped
public class OnCallService {

    /** Shifts from an hour to a year. */
    public static final Duration MIN_SHIFT = Duration.ofHours(1);
    public static final Duration MAX_SHIFT = Duration.ofDays(366);

    /** What a rotation is, as of one version. */
    public record RotationDetails(Rotation rotation, RotationVersion current) {
    }

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<RotationDetails> createRotation(Region region, Layer layer, List<UUID> participants, Duration shiftLength,
                                              LocalDateTime firstHandoff, Caller actor) {
        return validateRotation(participants, shiftLength).flatMap(v -> Rotation.count("region = ?1 and layer = ?2",
                region, layer)).flatMap(existing -> {
            if (existing > 0) {
                throw new ConflictException(region + " already has a " + layer + " rotation; edit it with PUT /rotations/{id}");
            }
            Instant now = clock.instant();
            Rotation rotation = new Rotation();
            rotation.id = UUID.randomUUID();
            rotation.region = region;
            rotation.layer = layer;
            rotation.createdBy = actor.id();
            rotation.createdAt = now;
            RotationVersion version = version(rotation.id, Instant.EPOCH, participants, shiftLength, firstHandoff, actor, now);
            return rotation.<Rotation>persist().flatMap(r -> version.<RotationVersion>persist())
                    .call(saved -> audit.record(actor, "rotation.created", "rotation", rotation.id, null, saved))
                    .map(saved -> new RotationDetails(rotation, saved));
        });
    }

    /** Edits a rotation from now on: a new version, effective now; the past keeps its old answers. */
    @WithTransaction
    public Uni<RotationDetails> editRotation(UUID id, List<UUID> participants, Duration shiftLength,
                                            LocalDateTime firstHandoff, Caller actor) {
        return Rotation.<Rotation>findById(id).flatMap(rotation -> {
            if (rotation == null) {
                throw NotFoundException.of("rotation", id);
            }
            return validateRotation(participants, shiftLength).flatMap(v -> current(rotation.id)).flatMap(previous -> {
                Instant now = clock.instant();
                RotationVersion version = version(rotation.id, now, participants, shiftLength, firstHandoff, actor, now);
                return version.<RotationVersion>persist()
                        .call(saved -> audit.record(actor, "rotation.edited", "rotation", rotation.id,
                                audit.snapshot(previous), saved))
                        .map(saved -> new RotationDetails(rotation, saved));
            });
        });
    }

    @WithSession
    public Uni<RotationDetails> rotation(UUID id) {
        return Rotation.<Rotation>findById(id).flatMap(rotation -> {
            if (rotation == null) {
                throw NotFoundException.of("rotation", id);
            }
            return current(id).map(version -> new RotationDetails(rotation, version));
        });
    }

    @WithSession
    public Uni<List<RotationDetails>> rotations() {
        return Rotation.<Rotation>list("order by region, layer").flatMap(rotations ->
                RotationVersion.<RotationVersion>list("order by effectiveFrom").map(versions -> {
                    List<RotationDetails> result = new ArrayList<>();
                    for (Rotation rotation : rotations) {
                        RotationVersion latest = null;
                        for (RotationVersion v : versions) {
                            if (v.rotationId.equals(rotation.id)) latest = v;
                        }
                        result.add(new RotationDetails(rotation, latest));
                    }
                    return result;
                }));
    }

    @WithTransaction
    public Uni<OnCallOverride> createOverride(Region region, Layer layer, UUID userId, Instant start, Instant end,
                                              Caller actor) {
        if (!end.isAfter(start)) {
            throw ValidationException.of("end", "must be after start");
        }
        return users.activeOrInvalid(userId, "userId").flatMap(user -> OnCallOverride.<OnCallOverride>find(
                "region = ?1 and layer = ?2 and startAt < ?3 and endAt > ?4", region, layer, end, start).<OnCallOverride>firstResult())
                .flatMap(clash -> {
                    if (clash != null) {
                        throw (ConflictException) new ConflictException("an override of " + region + " " + layer
                                + " already covers " + clash.startAt + " .. " + clash.endAt).with("overrideId", clash.id);
                    }
                    OnCallOverride override = new OnCallOverride();
                    override.id = UUID.randomUUID();
                    override.region = region;
                    override.layer = layer;
                    override.userId = userId;
                    override.startAt = start;
                    override.endAt = end;
                    override.createdBy = actor.id();
                    override.createdAt = clock.instant();
                    return override.<OnCallOverride>persist()
                            .call(saved -> audit.record(actor, "override.created", "override", saved.id, null, saved));
                });
    }

    @WithSession
    public Uni<List<OnCallOverride>> overrides(Region region, Layer layer, Instant from, Instant to) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (region != null) { where.append(" and region = :region"); params.put("region", region); }
        if (layer != null) { where.append(" and layer = :layer"); params.put("layer", layer); }
        if (from != null) { where.append(" and endAt > :from"); params.put("from", from); }
        if (to != null) { where.append(" and startAt < :to"); params.put("to", to); }
        return OnCallOverride.<OnCallOverride>list(where + " order by startAt, id", params);
    }

    @WithTransaction
    public Uni<Void> deleteOverride(UUID id, Caller actor) {
        return OnCallOverride.<OnCallOverride>findById(id).flatMap(override -> {
            if (override == null) {
                throw NotFoundException.of("override", id);
            }
            JsonNode before = audit.snapshot(override);
            return override.delete().call(() -> audit.record(actor, "override.deleted", "override", id, before, null));
        });
    }

    /** The on-call answer at {@code atOrNull}, or now. */
    public Uni<OnCallBoard.Answer> onCallAt(Instant atOrNull) {
        Instant at = atOrNull == null ? clock.instant() : atOrNull;
        // [at, at + 1 µs): PostgreSQL keeps microseconds, so this loads exactly the versions in force
        // and the overrides covering `at` (a nanosecond bound would be truncated to `at` itself)
        return boardFor(new Interval(at, at.plusNanos(1_000))).map(board -> board.at(at));
    }

    /** The whole schedule as it applies over {@code range}: for calendar feeds. */
    @WithSession
    public Uni<OnCallBoard> boardFor(Interval range) {
        return RegionSettings.<RegionSettings>listAll().flatMap(regions -> Rotation.<Rotation>listAll()
                .flatMap(rotations -> RotationVersion.<RotationVersion>list("effectiveFrom < ?1 order by effectiveFrom",
                                range.end())
                        .flatMap(versions -> OnCallOverride.<OnCallOverride>list("startAt < ?1 and endAt > ?2",
                                        range.end(), range.start())
                                .map(overrides -> board(regions, rotations, versions, overrides)))));
    }

    /** Gaps, overlaps and unstaffed stretches over {@code [from, to)}, at most a year (366 days). */
    @WithSession
    public Uni<OnCallBoard.CoverageReport> coverage(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ValidationException.of("to", "must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
            throw ValidationException.of("to", "the range may span at most 366 days");
        }
        Interval range = new Interval(from, to);
        return boardFor(range).map(board -> board.coverage(range));
    }

    static OnCallBoard board(List<RegionSettings> regions, List<Rotation> rotations, List<RotationVersion> versions,
                             List<OnCallOverride> overrides) {
        List<CoverageWindow> windows = regions.stream().sorted(java.util.Comparator.comparing(r -> r.code.ordinal()))
                .map(RegionSettings::window).toList();
        Map<Region, ZoneId> zones = new EnumMap<>(Region.class);
        regions.forEach(r -> zones.put(r.code, ZoneId.of(r.timeZone)));
        Map<Region, Map<Layer, LayerSchedule>> layers = new EnumMap<>(Region.class);
        for (Rotation rotation : rotations) {
            ZoneId zone = zones.get(rotation.region);
            List<LayerSchedule.Version> history = versions.stream().filter(v -> v.rotationId.equals(rotation.id))
                    .map(v -> v.toVersion(zone)).toList();
            List<LayerSchedule.Cover> covers = overrides.stream()
                    .filter(o -> o.region == rotation.region && o.layer == rotation.layer)
                    .map(OnCallOverride::toCover).toList();
            layers.computeIfAbsent(rotation.region, r -> new EnumMap<>(Layer.class))
                    .put(rotation.layer, new LayerSchedule(history, covers));
        }
        // overrides on a layer without a rotation still staff it
        for (OnCallOverride o : overrides) {
            layers.computeIfAbsent(o.region, r -> new EnumMap<>(Layer.class)).computeIfAbsent(o.layer,
                    l -> new LayerSchedule(List.of(), overrides.stream()
                            .filter(x -> x.region == o.region && x.layer == o.layer).map(OnCallOverride::toCover).toList()));
        }
        return new OnCallBoard(windows, layers);
    }

    private Uni<RotationVersion> current(UUID rotationId) {
        return RotationVersion.<RotationVersion>find("rotationId = ?1 order by effectiveFrom desc", rotationId).<RotationVersion>firstResult();
    }

    private Uni<Void> validateRotation(List<UUID> participants, Duration shiftLength) {
        if (shiftLength.compareTo(MIN_SHIFT) < 0 || shiftLength.compareTo(MAX_SHIFT) > 0) {
            throw ValidationException.of("shiftLength", "must be from PT1H to P366D");
        }
        if (shiftLength.getNano() != 0) {
            throw ValidationException.of("shiftLength", "must be a whole number of seconds");
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < participants.size(); i++) {
            UUID id = participants.get(i);
            String field = "participants[" + i + "]";
            chain = chain.flatMap(v -> users.activeOrInvalid(id, field).replaceWithVoid());
        }
        return chain;
    }

    private static RotationVersion version(UUID rotationId, Instant effectiveFrom, List<UUID> participants,
                                           Duration shiftLength, LocalDateTime firstHandoff, Caller actor, Instant now) {
        RotationVersion version = new RotationVersion();
        version.id = UUID.randomUUID();
        version.rotationId = rotationId;
        version.effectiveFrom = effectiveFrom;
        version.participants = participants.stream().map(UUID::toString).toList();
        version.shiftLength = shiftLength;
        version.firstHandoff = firstHandoff;
        version.createdBy = actor.id();
        version.createdAt = now;
        return version;
    }
}
