package io.vigil.postmortem;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One incident's post-mortem. {@code timeline} is the incident's timeline frozen at creation (JSON). */
@Entity
@Table(name = "postmortem")
public class Postmortem extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID incidentId;
    @Enumerated(EnumType.STRING)
    public PostmortemStatus status;
    public String summary;
    public String impact;
    public String rootCause;
    public String contributingFactors;
    public String wentWell;
    public String wentWrong;
    public String timeline;
    @Column(name = "time_to_acknowledge_s")
    public Long timeToAcknowledgeSeconds;
    @Column(name = "time_to_mitigate_s")
    public Long timeToMitigateSeconds;
    @Column(name = "time_to_resolve_s")
    public Long timeToResolveSeconds;
    public UUID createdBy;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant publishedAt;
    @Version
    public int version;
}
