package io.vigil.paging;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One escalation run for one incident. The row is the truth about where the run stands;
 * {@code nextEscalationAt} is the deadline the engine acts on, set only while TRIGGERED.
 */
@Entity
@Table(name = "page")
public class Page extends PanacheEntityBase {

    /** Why the page exists: the incident's severity (declare or raise), or someone asked for it. */
    public enum Origin { AUTO, MANUAL }

    @Id
    public UUID id;
    public UUID incidentId;
    public UUID policyId;
    @Enumerated(EnumType.STRING)
    public Origin origin;
    /** JSON of what was asked for: {@code {type: POLICY|USER|REGION, ...}}. */
    public String target;
    /** JSON of the ladder, frozen when the page started (or re-evaluated on a severity raise). */
    public String rules;
    @Convert(converter = io.vigil.common.persistence.DurationSecondsConverter.class)
    public Duration severityTimeout;
    public String message;
    @Enumerated(EnumType.STRING)
    public PageStatus status;
    public int level;
    public int round;
    /** When the current step was due; its deadline counts from here. */
    public Instant stepDueAt;
    public Instant nextEscalationAt;
    public UUID triggeredBy;
    public Instant triggeredAt;
    public UUID acknowledgedBy;
    public Instant acknowledgedAt;
    public Instant endedAt;
    public Instant updatedAt;

    public Escalation.Step step() {
        return new Escalation.Step(level, round, stepDueAt, nextEscalationAt);
    }
}
