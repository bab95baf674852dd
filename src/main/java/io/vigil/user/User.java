package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.persistence.CsvConverters;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A person who uses Vigil: gets paged, runs incidents, reads reports. */
@Entity(name = "AppUser")
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;
    public String handle;
    public String displayName;
    public String email;
    public String slackUserId;
    public String timeZone;
    @Convert(converter = CsvConverters.RoleSet.class)
    public Set<Role> roles;
    @Convert(converter = CsvConverters.StringList.class)
    public List<String> languages;
    public boolean active;
    /** The bootstrap administrator the service creates for itself. */
    public boolean builtIn;
    public Instant createdAt;
}
