package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ParticipantRepository implements PanacheRepositoryBase<IncidentParticipant, UUID> {

    public Uni<Boolean> isParticipant(UUID incidentId, UUID userId) {
        return count("incidentId = ?1 and userId = ?2", incidentId, userId).map(n -> n > 0);
    }

    public Uni<IncidentParticipant> find(UUID incidentId, UUID userId) {
        return find("incidentId = ?1 and userId = ?2", incidentId, userId).firstResult();
    }

    public Uni<List<IncidentParticipant>> ofIncident(UUID incidentId) {
        return list("incidentId = ?1 order by addedAt, id", incidentId);
    }
}
