package io.vigil.postmortem;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A follow-up of a post-mortem: what will change, who owns it, by when. */
@Entity
@Table(name = "action_item")
public class ActionItem extends PanacheEntityBase {

    public enum Status { OPEN, IN_PROGRESS, DONE }

    public enum Priority { HIGH, MEDIUM, LOW }

    @Id
    public UUID id;
    public UUID postmortemId;
    public UUID incidentId;
    public String title;
    public UUID ownerId;
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant doneAt;
    @Version
    public int version;
}
