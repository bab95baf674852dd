package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    public Uni<List<ApiToken>> ofUser(UUID userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }

    public Uni<List<ApiToken>> activeBootstrapTokens() {
        return list("bootstrap = true and revokedAt is null");
    }
}
