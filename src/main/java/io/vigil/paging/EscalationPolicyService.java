package io.vigil.paging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.json.StoredJson;
import io.vigil.common.problem.ConflictException;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.incident.CategoryService;
import io.vigil.incident.SeverityPolicyService;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Escalation policies: CRUD with validation; the seeded default can be edited but not deleted. */
@ApplicationScoped
public class EscalationPolicyService {

    public static final int MAX_REPEAT = 10;

    /** A policy as callers describe it; {@code severities}/{@code categories} empty means any. */
    public record Definition(String name, List<String> severities, List<String> categories,
                             List<EscalationRules.Level> levels, int repeat) {
    }

    @Inject
    UserRepository users;

    @Inject
    CategoryService categories;

    @Inject
    StoredJson json;

    @Inject
    ObjectMapper mapper;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<EscalationPolicy> create(Definition definition, Caller actor) {
        return validate(definition).flatMap(v -> EscalationPolicy.count("lower(name) = lower(?1)", definition.name()))
                .flatMap(taken -> {
                    if (taken > 0) {
                        throw new ConflictException("an escalation policy named '" + definition.name() + "' exists");
                    }
                    Instant now = clock.instant();
                    EscalationPolicy policy = new EscalationPolicy();
                    policy.id = UUID.randomUUID();
                    policy.createdAt = now;
                    apply(policy, definition, now);
                    return policy.<EscalationPolicy>persist()
                            .call(saved -> audit.record(actor, "escalation_policy.created", "escalation_policy",
                                    saved.id, null, saved));
                });
    }

    @WithTransaction
    public Uni<EscalationPolicy> update(UUID id, Definition definition, Caller actor) {
        return find(id).flatMap(policy -> validate(definition)
                .flatMap(v -> EscalationPolicy.count("lower(name) = lower(?1) and id <> ?2", definition.name(), id))
                .flatMap(taken -> {
                    if (taken > 0) {
                        throw new ConflictException("an escalation policy named '" + definition.name() + "' exists");
                    }
                    var before = audit.snapshot(policy);
                    apply(policy, definition, clock.instant());
                    return audit.record(actor, "escalation_policy.updated", "escalation_policy", id, before, policy)
                            .replaceWith(policy);
                }));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, Caller actor) {
        return find(id).flatMap(policy -> {
            if (policy.isDefault) {
                throw new ConflictException("the default escalation policy cannot be deleted; edit it instead");
            }
            var before = audit.snapshot(policy);
            return policy.delete().call(() -> audit.record(actor, "escalation_policy.deleted", "escalation_policy",
                    id, before, null));
        });
    }

    @WithSession
    public Uni<EscalationPolicy> get(UUID id) {
        return find(id);
    }

    @WithSession
    public Uni<List<EscalationPolicy>> list() {
        return EscalationPolicy.<EscalationPolicy>list("order by createdOrder");
    }

    /** The ladder of a stored policy. */
    public EscalationRules rules(EscalationPolicy policy) {
        try {
            List<EscalationRules.Level> levels = mapper.readValue(policy.levels, new TypeReference<>() { });
            return new EscalationRules(levels, policy.repeat);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored escalation levels are unreadable", e);
        }
    }

    private Uni<EscalationPolicy> find(UUID id) {
        return EscalationPolicy.<EscalationPolicy>findById(id).onItem().ifNull()
                .failWith(() -> NotFoundException.of("escalation policy", id));
    }

    private void apply(EscalationPolicy policy, Definition definition, Instant now) {
        policy.name = definition.name().strip();
        policy.severities = List.copyOf(definition.severities());
        policy.categories = List.copyOf(definition.categories());
        policy.levels = json.write(definition.levels());
        policy.repeat = definition.repeat();
        policy.updatedAt = now;
    }

    /** Checks what bean validation cannot: timeouts, categories, target users, repeat. */
    private Uni<Void> validate(Definition definition) {
        if (definition.repeat() < 0 || definition.repeat() > MAX_REPEAT) {
            throw ValidationException.of("repeat", "must be from 0 to " + MAX_REPEAT);
        }
        for (int i = 0; i < definition.levels().size(); i++) {
            Duration timeout = definition.levels().get(i).ackTimeout();
            if (timeout != null && (timeout.compareTo(SeverityPolicyService.MIN_ACK_TIMEOUT) < 0
                    || timeout.compareTo(SeverityPolicyService.MAX_ACK_TIMEOUT) > 0 || timeout.getNano() != 0)) {
                throw ValidationException.of("levels[" + i + "].ackTimeout", "must be whole seconds from PT10S to PT24H");
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < definition.categories().size(); i++) {
            String code = definition.categories().get(i);
            String field = "categories[" + i + "]";
            chain = chain.flatMap(v -> categories.rule(code).map(rule -> {
                if (rule == null) {
                    throw ValidationException.of(field, "unknown category '" + code + "'");
                }
                return null;
            })).replaceWithVoid();
        }
        for (int i = 0; i < definition.levels().size(); i++) {
            List<EscalationTarget> targets = definition.levels().get(i).targets();
            for (int j = 0; j < targets.size(); j++) {
                EscalationTarget target = targets.get(j);
                if (target.type() == EscalationTarget.Type.USER) {
                    String field = "levels[" + i + "].targets[" + j + "].userId";
                    chain = chain.flatMap(v -> users.activeOrInvalid(target.userId(), field).replaceWithVoid());
                }
            }
        }
        return chain;
    }
}
