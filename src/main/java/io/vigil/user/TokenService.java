package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.AccessDeniedException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.security.Caller;
import io.vigil.common.security.TokenAuthenticator;
import io.vigil.common.security.TokenHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * API tokens: issue (shown once, stored hashed), list and revoke. A user manages their own
 * tokens; an ADMIN manages anyone's.
 */
@ApplicationScoped
public class TokenService {

    public static final String ENTITY = "api_token";

    @Inject
    UserRepository users;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    TokenAuthenticator authenticator;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<IssuedToken> issue(UUID userId, String name, Caller actor) {
        return ownerFor(userId, actor).flatMap(owner -> {
            String secret = TokenHasher.newToken();
            ApiToken token = newToken(owner.id, name, secret, actor == null ? null : actor.id());
            return tokens.persist(token)
                    .call(saved -> audit.record(actor, "token.created", ENTITY, saved.id, null, saved))
                    .map(saved -> new IssuedToken(saved, secret));
        });
    }

    @WithSession
    public Uni<List<ApiToken>> list(UUID userId, Caller actor) {
        return ownerFor(userId, actor).flatMap(owner -> tokens.ofUser(owner.id));
    }

    /** Revokes a token; revoking an already revoked token changes nothing and succeeds. */
    public Uni<Void> revoke(UUID userId, UUID tokenId, Caller actor) {
        return Panache.withTransaction(() -> ownerFor(userId, actor)
                .flatMap(owner -> tokens.findById(tokenId))
                .flatMap(token -> {
                    if (token == null || !token.userId.equals(userId)) {
                        throw NotFoundException.of("token", tokenId);
                    }
                    if (token.revokedAt != null) {
                        return Uni.createFrom().item(token);
                    }
                    var before = audit.snapshot(token);
                    token.revokedAt = clock.instant();
                    token.revokedBy = actor.id();
                    return audit.record(actor, "token.revoked", ENTITY, token.id, before, token).replaceWith(token);
                }))
                // Evict only after commit, so no request can re-cache the token in between.
                .invoke(token -> authenticator.evictToken(token.tokenHash))
                .replaceWithVoid();
    }

    ApiToken newToken(UUID userId, String name, String secret, UUID createdBy) {
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.userId = userId;
        token.name = name.strip();
        token.tokenHash = TokenHasher.hash(secret);
        token.hint = TokenHasher.hint(secret);
        token.createdAt = clock.instant();
        token.createdBy = createdBy;
        return token;
    }

    private Uni<User> ownerFor(UUID userId, Caller actor) {
        return users.findById(userId).map(owner -> {
            if (owner == null) {
                throw NotFoundException.of("user", userId);
            }
            if (!actor.isAdmin() && !actor.id().equals(userId)) {
                throw new AccessDeniedException("only the user themself or an ADMIN may manage a user's tokens");
            }
            return owner;
        });
    }
}
