package io.vigil.incident;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incident categories: the seeded ten plus what admins add. Categories are never changed or
 * deleted once created, so what declaring needs of them ({@link CategoryRule}) is cached forever:
 * a cache miss, including on another node, simply reads the database.
 */
@ApplicationScoped
public class CategoryService {

    /** What a declaration needs to know about its category. */
    public record CategoryRule(String code, boolean restrictedByDefault) {
    }

    private final Map<String, CategoryRule> rules = new ConcurrentHashMap<>();

    @Inject
    CategoryRepository categories;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithSession
    public Uni<List<Category>> list() {
        return categories.listAll(Sort.by("code"));
    }

    @WithSession
    public Uni<Category> get(String code) {
        return categories.findById(code).onItem().ifNull().failWith(() -> NotFoundException.of("category", code));
    }

    /** The rule of a category, or {@code null} when no such category exists. Call inside a session. */
    public Uni<CategoryRule> rule(String code) {
        CategoryRule cached = rules.get(code);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return categories.findById(code).map(category -> {
            if (category == null) {
                return null;
            }
            CategoryRule rule = new CategoryRule(category.code, category.restrictedByDefault);
            rules.put(rule.code(), rule);
            return rule;
        });
    }

    @WithTransaction
    public Uni<Category> add(String code, String name, String description, boolean restrictedByDefault, Caller actor) {
        return categories.findById(code).flatMap(existing -> {
            if (existing != null) {
                throw new ConflictException("category " + code + " already exists");
            }
            Category category = new Category();
            category.code = code;
            category.name = name.strip();
            category.description = description == null ? null : description.strip();
            category.restrictedByDefault = restrictedByDefault;
            category.createdAt = clock.instant();
            return categories.persist(category)
                    .call(saved -> audit.record(actor, "category.created", "category", code, null, saved));
        });
    }
}
