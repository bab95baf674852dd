package io.vigil.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.annotation.PostConstruct;
import io.smallrye.mutiny.Uni;
import io.vigil.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes audit entries. Call it inside the transaction of the mutation it records, so that the
 * change and its audit entry commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    AuditRepository repository;

    @Inject
    ObjectMapper json;

    /** Serialises entities by their public fields only, so a snapshot is exactly the stored row. */
    private ObjectMapper snapshots;

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.PUBLIC_ONLY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties({"persistent"})
    private abstract static class EntityFieldsOnly {
    }

    @PostConstruct
    void init() {
        snapshots = json.copy().addMixIn(PanacheEntityBase.class, EntityFieldsOnly.class);
    }

    /**
     * Captures an entity's state now, before it is changed; pass the result as {@code before}.
     * Fields marked {@code @JsonIgnore} (secrets, hashes) are left out.
     */
    public JsonNode snapshot(Object entity) {
        return entity == null ? null : snapshots.valueToTree(entity);
    }

    @Inject
    Clock clock;

    /**
     * @param actor  who did it; {@code null} for the service itself (bootstrap, schedulers)
     * @param before the entity's view before the change, or {@code null} on creation
     * @param after  the entity's view after the change, or {@code null} on deletion
     */
    public Uni<Void> record(Caller actor, String action, String entityType, Object entityId, Object before, Object after) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.at = clock.instant();
        if (actor != null) {
            entry.actorId = actor.id();
            entry.actorHandle = actor.handle();
            entry.actorDisplayName = actor.displayName();
        }
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = String.valueOf(entityId);
        entry.beforeJson = toJson(before);
        entry.afterJson = toJson(after);
        return repository.persist(entry).replaceWithVoid();
    }

    private String toJson(Object value) {
        if (value == null) return null;
        try {
            return snapshots.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit snapshot is not serialisable: " + value.getClass(), e);
        }
    }
}
