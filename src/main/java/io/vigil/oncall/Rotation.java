package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The rotation of one region and layer; its definitions over time are {@link RotationVersion}s. */
@Entity
@Table(name = "rotation")
public class Rotation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    public Layer layer;
    public UUID createdBy;
    public Instant createdAt;
}
