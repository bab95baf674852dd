package io.vigil.oncall;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's calendar-feed secret (only its SHA-256 is kept); one per user. */
@Entity
@Table(name = "calendar_token")
public class CalendarToken extends PanacheEntityBase {

    @Id
    public UUID userId;
    @JsonIgnore
    public String tokenHash;
    public Instant createdAt;
}
