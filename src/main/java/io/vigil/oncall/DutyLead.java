package io.vigil.oncall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The global CRT duty lead: a single row. */
@Entity
@Table(name = "duty_lead")
public class DutyLead extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public Short id;
    public UUID userId;
    public Instant updatedAt;
}
