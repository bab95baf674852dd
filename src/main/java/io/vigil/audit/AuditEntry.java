package io.vigil.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One mutation: who did what to which entity, when, and the entity before and after (JSON). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Insertion order, assigned by the database; breaks ties between equal instants. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    public Instant at;
    public UUID actorId;
    public String actorHandle;
    public String actorDisplayName;
    public String action;
    public String entityType;
    public String entityId;
    @Column(name = "before_json")
    public String beforeJson;
    @Column(name = "after_json")
    public String afterJson;
}
