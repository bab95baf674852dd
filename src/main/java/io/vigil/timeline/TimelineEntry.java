package io.vigil.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened to an incident. Never updated or deleted (the table refuses it too).
 * Ordered by {@code at}, then {@code seq} (insertion order): a back-filled note lands where it
 * happened, and events recorded in the same microsecond keep the order they were written in.
 */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public Long seq;
    public UUID incidentId;
    /** When it happened (may be earlier than {@code recordedAt} for back-filled notes). */
    public Instant at;
    /** When Vigil wrote it down. */
    public Instant recordedAt;
    @Enumerated(EnumType.STRING)
    public TimelineType type;
    public UUID actorId;
    public String actorHandle;
    public String actorDisplayName;
    public String text;
    /** Type-specific details as JSON, e.g. {@code {"from":"DECLARED","to":"INVESTIGATING"}}. */
    @Column(name = "data_json")
    public String dataJson;
}
