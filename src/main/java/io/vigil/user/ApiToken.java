package io.vigil.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A bearer token of a user. Only its SHA-256 is stored; the token itself is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID userId;
    public String name;
    @JsonIgnore
    public String tokenHash;
    public String hint;
    public Instant createdAt;
    public UUID createdBy;
    public Instant revokedAt;
    public UUID revokedBy;
    /** Made from {@code oncall.auth.bootstrap-token} (or generated on first start). */
    public boolean bootstrap;
}
