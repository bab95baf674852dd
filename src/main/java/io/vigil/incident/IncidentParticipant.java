package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user explicitly brought into an incident; participants see it even when it is restricted. */
@Entity
@Table(name = "incident_participant")
public class IncidentParticipant extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID incidentId;
    public UUID userId;
    public UUID addedBy;
    public Instant addedAt;
}
