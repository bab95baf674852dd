package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.persistence.CsvConverters;
import io.vigil.common.persistence.DurationSecondsConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A rotation's definition from {@code effectiveFrom} on; never changed once written. */
@Entity
@Table(name = "rotation_version")
public class RotationVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID rotationId;
    public Instant effectiveFrom;
    @Convert(converter = CsvConverters.StringList.class)
    public List<String> participants;
    @Convert(converter = DurationSecondsConverter.class)
    public Duration shiftLength;
    /** Local date-time in the region's zone. */
    public LocalDateTime firstHandoff;
    public UUID createdBy;
    public Instant createdAt;

    public List<UUID> participantIds() {
        return participants.stream().map(UUID::fromString).toList();
    }

    public LayerSchedule.Version toVersion(ZoneId zone) {
        return new LayerSchedule.Version(effectiveFrom, new RotationSchedule(zone, firstHandoff, shiftLength,
                participantIds()));
    }
}
