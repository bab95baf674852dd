package io.vigil.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    public Uni<Boolean> handleTaken(String handle) {
        return count("lower(handle) = lower(?1)", handle).map(n -> n > 0);
    }

    /** A Slack identity belongs to one active user: Slack clicks and commands act as that user. */
    public Uni<Boolean> slackUserTaken(String slackUserId) {
        return slackUserId == null ? Uni.createFrom().item(false)
                : count("slackUserId = ?1 and active = true", slackUserId).map(n -> n > 0);
    }

    public Uni<Boolean> emailTaken(String email) {
        return count("lower(email) = lower(?1)", email).map(n -> n > 0);
    }

    /** The active user with this id, or a 400 naming {@code field} (a reference in a request body). */
    public Uni<User> activeOrInvalid(UUID id, String field) {
        return findById(id).map(user -> {
            if (user == null || !user.active) {
                throw ValidationException.of(field, "no active user has id " + id);
            }
            return user;
        });
    }

    /** Users in creation order, keyset-paged. */
    public Uni<List<User>> page(PageRequest page) {
        if (page.cursor() == null) {
            return find("order by createdAt, id").range(0, page.fetchSize() - 1).list();
        }
        return find("where createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                page.cursor().at(), page.cursor().tieBreakerAsUuid()).range(0, page.fetchSize() - 1).list();
    }
}
