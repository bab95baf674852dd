package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A kind of harm. Ten are seeded (spec §2); admins add more. */
@Entity
@Table(name = "category")
public class Category extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    public String description;
    /** Incidents of this category are restricted unless an ADMIN declares otherwise. */
    public boolean restrictedByDefault;
    public boolean builtIn;
    public Instant createdAt;
}
