package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.paging.Cursor;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.common.security.UserRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Users: creation (ADMIN), lookup and listing. */
@ApplicationScoped
public class UserService {

    public static final String ENTITY = "user";

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<User> create(NewUser request, Caller actor) {
        validateZone(request.timeZone());
        return users.handleTaken(request.handle()).flatMap(handleTaken -> {
            if (handleTaken) {
                throw new ConflictException("a user with handle '" + request.handle() + "' already exists");
            }
            return users.emailTaken(request.email());
        }).flatMap(emailTaken -> {
            if (emailTaken) {
                throw new ConflictException("a user with email '" + request.email() + "' already exists");
            }
            return users.slackUserTaken(request.slackUserId());
        }).flatMap(slackTaken -> {
            if (slackTaken) {
                throw new ConflictException("Slack user " + request.slackUserId() + " already belongs to another user");
            }
            User user = new User();
            user.id = UUID.randomUUID();
            user.handle = request.handle();
            user.displayName = request.displayName().strip();
            user.email = request.email().strip();
            user.slackUserId = request.slackUserId();
            user.timeZone = request.timeZone();
            user.roles = request.roles();
            user.languages = request.languages() == null ? List.of() : List.copyOf(request.languages());
            user.active = true;
            user.createdAt = clock.instant();
            return users.persist(user)
                    .call(saved -> audit.record(actor, "user.created", ENTITY, saved.id, null, saved));
        });
    }

    @WithSession
    public Uni<User> get(UUID id) {
        return users.findById(id).onItem().ifNull().failWith(() -> NotFoundException.of("user", id));
    }

    @WithSession
    public Uni<PageView<User>> list(PageRequest page) {
        return users.page(page).map(rows -> page.page(rows, u -> Cursor.of(u.createdAt, u.id)));
    }

    /** Short forms of the given users, for views: one query for a whole page. Unknown ids are left out. */
    @WithSession
    public Uni<Map<UUID, UserRef>> refs(List<UUID> ids) {
        List<UUID> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return users.list("id in ?1", distinct).map(found -> {
            Map<UUID, UserRef> byId = new LinkedHashMap<>();
            found.forEach(u -> byId.put(u.id, new UserRef(u.id, u.handle, u.displayName)));
            return byId;
        });
    }

    /** Throws a 400 on {@code timeZone} unless the text is an IANA zone id. */
    public static void validateZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ValidationException.of("timeZone", "must be an IANA time zone such as Europe/Dublin");
        }
    }
}
