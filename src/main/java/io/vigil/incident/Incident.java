package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.oncall.Region;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A crisis being handled. {@code number} gives the human reference {@code INC-<number>}. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    public long number;
    public String title;
    public String summary;
    public String category;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    /** The most severe level the incident has had; it decides whether a post-mortem is required. */
    @Enumerated(EnumType.STRING)
    public Severity peakSeverity;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    public boolean restricted;
    public UUID commanderId;
    public UUID declaredBy;
    public Instant declaredAt;
    public Instant acknowledgedAt;
    public Instant mitigatedAt;
    public Instant resolvedAt;
    public Instant closedAt;
    public Instant cancelledAt;
    public String cancelReason;
    public Instant updatedAt;
    @Version
    public int version;

    /** Changes the severity, remembering the most severe level ever reached. */
    void changeSeverity(Severity to, Instant now) {
        severity = to;
        if (peakSeverity == null || to.compareTo(peakSeverity) < 0) {
            peakSeverity = to;
        }
        updatedAt = now;
    }

    public String reference() {
        return reference(number);
    }

    public static String reference(long number) {
        return "INC-" + number;
    }

    /**
     * Applies a move already checked by {@link IncidentLifecycle#check}. Lifecycle timestamps record
     * the latest time the incident entered each state: a regression back to INVESTIGATING clears
     * {@code mitigatedAt} and {@code resolvedAt}, so they are set again when it is really fixed.
     */
    void moveTo(IncidentStatus to, String reason, Instant now) {
        switch (to) {
            case INVESTIGATING -> {
                mitigatedAt = null;
                resolvedAt = null;
            }
            case MITIGATED -> mitigatedAt = now;
            case RESOLVED -> resolvedAt = now;
            case CLOSED -> closedAt = now;
            case CANCELLED -> {
                cancelledAt = now;
                cancelReason = reason.strip();
            }
            case DECLARED -> throw new IllegalArgumentException("nothing moves back to DECLARED");
        }
        status = to;
        updatedAt = now;
    }
}
