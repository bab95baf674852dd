package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.persistence.DurationSecondsConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** What a severity level implies (spec §2); defaults seeded by migration, MANAGERs may change them. */
@Entity
@Table(name = "severity_policy")
public class SeverityPolicy extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String description;
    public boolean pageOnDeclare;
    /** How long each escalation level waits for an acknowledgement; null when the severity does not page. */
    @Convert(converter = DurationSecondsConverter.class)
    public Duration ackTimeout;
    public boolean leadershipNotified;
    public boolean postmortemRequired;
    public Instant updatedAt;
}
