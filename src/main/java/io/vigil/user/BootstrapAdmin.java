package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.security.TokenHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure there is a way in. On every start: the built-in {@code admin} user exists, and
 * <ul>
 *   <li>with {@code oncall.auth.bootstrap-token} set, that token is the admin's active bootstrap
 *       token (a changed value replaces the old one; a value an admin has revoked stays revoked);</li>
 *   <li>without it, on the very first start only, a random token is generated and printed once.</li>
 * </ul>
 * A PostgreSQL advisory lock keeps two nodes starting together from doing this twice.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final long LOCK_KEY = 0x5649_4749_4c00_0001L; // "VIGIL" + 1
    static final String HANDLE = "admin";

    @Inject
    UserRepository users;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    TokenService tokenService;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @ConfigProperty(name = "oncall.auth.bootstrap-token")
    Optional<String> configuredToken;

    void onStart(@Observes StartupEvent event) throws Throwable {
        Optional<String> printOnce = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                Panache.getSession()
                        .flatMap(s -> s.createNativeQuery("select pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult())
                        .flatMap(locked -> ensureAdmin())
                        .flatMap(this::ensureToken)));
        printOnce.ifPresent(token -> LOG.warnf("""

                ================================================================
                 No oncall.auth.bootstrap-token was configured, so Vigil made one.
                 It is shown this once; it belongs to the built-in 'admin' user:

                     %s

                 Use it as 'Authorization: Bearer <token>' to create real users
                 and tokens, then revoke it (DELETE /api/v1/users/{id}/tokens/{tokenId}).
                ================================================================""", token));
    }

    private Uni<User> ensureAdmin() {
        return users.find("builtIn = true").firstResult().flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            User admin = new User();
            admin.id = UUID.randomUUID();
            admin.handle = HANDLE;
            admin.displayName = "Vigil administrator";
            admin.email = "admin@vigil.invalid";
            admin.timeZone = "UTC";
            admin.roles = EnumSet.of(Role.ADMIN);
            admin.languages = List.of();
            admin.active = true;
            admin.builtIn = true;
            admin.createdAt = clock.instant();
            return users.persist(admin).call(saved -> audit.record(null, "user.created", UserService.ENTITY, saved.id,
                    null, saved));
        });
    }

    /** @return the generated token when one must be printed */
    private Uni<Optional<String>> ensureToken(User admin) {
        if (configuredToken.isPresent() && !configuredToken.get().isBlank()) {
            String secret = configuredToken.get().trim();
            String hash = TokenHasher.hash(secret);
            return tokens.find("tokenHash", hash).firstResult().flatMap(existing -> {
                if (existing != null) {
                    if (existing.revokedAt != null) {
                        LOG.warn("the configured oncall.auth.bootstrap-token was revoked by an admin; it stays revoked");
                    }
                    return Uni.createFrom().item(Optional.<String>empty());
                }
                return revokeActiveBootstrapTokens()
                        .flatMap(v -> persistBootstrap(admin, secret))
                        .map(v -> Optional.<String>empty());
            });
        }
        return tokens.count("bootstrap = true").flatMap(count -> {
            if (count > 0) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            String secret = TokenHasher.newToken();
            return persistBootstrap(admin, secret).map(v -> Optional.of(secret));
        });
    }

    private Uni<Void> revokeActiveBootstrapTokens() {
        return tokens.activeBootstrapTokens().flatMap(active -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ApiToken token : active) {
                chain = chain.flatMap(v -> {
                    var before = audit.snapshot(token);
                    token.revokedAt = clock.instant();
                    return audit.record(null, "token.revoked", TokenService.ENTITY, token.id, before, token);
                });
            }
            return chain;
        });
    }

    private Uni<Void> persistBootstrap(User admin, String secret) {
        ApiToken token = tokenService.newToken(admin.id, "bootstrap", secret, null);
        token.bootstrap = true;
        return tokens.persist(token)
                .call(saved -> audit.record(null, "token.created", TokenService.ENTITY, saved.id, null, saved))
                .replaceWithVoid();
    }
}
