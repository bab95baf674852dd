package io.vigil.paging;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One person notified at one step of a page over one channel. {@code (page, level, round, user,
 * channel)} is unique in the database: the last guard against notifying anyone twice.
 */
@Entity
@Table(name = "page_notification")
public class PageNotification extends PanacheEntityBase {

    /** PENDING until every delivery of it succeeded; DELAYED after the configured wait; UNREACHABLE: no channel. */
    public enum Status { PENDING, DELIVERED, DELAYED, FAILED, UNREACHABLE }

    @Id
    public UUID id;
    public UUID pageId;
    public UUID incidentId;
    public int level;
    public int round;
    public UUID userId;
    public String channel;
    public Instant dueAt;
    public Instant sentAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant deliveredAt;
}
