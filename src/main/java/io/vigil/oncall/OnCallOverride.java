package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One person in place of a layer's rotation for {@code [startAt, endAt)}. */
@Entity
@Table(name = "oncall_override")
public class OnCallOverride extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    public Layer layer;
    public UUID userId;
    public Instant startAt;
    public Instant endAt;
    public UUID createdBy;
    public Instant createdAt;

    public LayerSchedule.Cover toCover() {
        return new LayerSchedule.Cover(userId, new Interval(startAt, endAt));
    }
}
