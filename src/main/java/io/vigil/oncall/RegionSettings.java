package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

/** A region's zone, local coverage window and manager (the L3 escalation target). */
@Entity
@Table(name = "region")
public class RegionSettings extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Region code;
    public String timeZone;
    public LocalTime coverageStart;
    public LocalTime coverageEnd;
    public UUID managerId;
    public Instant updatedAt;

    public CoverageWindow window() {
        return new CoverageWindow(code, ZoneId.of(timeZone), coverageStart, coverageEnd);
    }
}
