package io.vigil.common.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.user.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves a bearer token to its {@link Caller}. Every request needs this, so hits are cached for a
 * short time ({@code oncall.auth.cache-ttl}, default 10 s). Revocation evicts locally at once;
 * on other nodes of a cluster it takes effect within the TTL.
 */
@ApplicationScoped
public class TokenAuthenticator {

    private static final String LOOKUP = """
            select u.id, u.handle, u.display_name, u.roles
              from api_token t join app_user u on u.id = t.user_id
             where t.token_hash = $1 and t.revoked_at is null and u.active""";
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @ConfigProperty(name = "oncall.auth.cache-ttl", defaultValue = "PT10S")
    Duration cacheTtl;

    public Uni<Optional<Caller>> authenticate(String token) {
        String hash = TokenHasher.hash(token);
        Instant now = clock.instant();
        Entry hit = cache.get(hash);
        if (hit != null && hit.expiresAt().isAfter(now)) {
            return Uni.createFrom().item(Optional.of(hit.caller()));
        }
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(hash)).onItem().transform(rows -> {
            if (rows.size() == 0) {
                cache.remove(hash);
                return Optional.<Caller>empty();
            }
            Caller caller = toCaller(rows.iterator().next());
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(hash, new Entry(caller, now.plus(cacheTtl)));
            return Optional.of(caller);
        });
    }

    /** Forget a revoked token at once. */
    public void evictToken(String tokenHash) {
        cache.remove(tokenHash);
    }

    private static Caller toCaller(Row row) {
        return new Caller(row.getUUID("id"), row.getString("handle"), row.getString("display_name"),
                parseRoles(row.getString("roles")));
    }

    static Set<Role> parseRoles(String csv) {
        if (csv == null || csv.isBlank()) return EnumSet.noneOf(Role.class);
        return Arrays.stream(csv.split(",")).map(String::trim).map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
