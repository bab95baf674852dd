package io.vigil.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The severity policy table (spec §2): read by everyone, changed by MANAGERs and ADMINs. */
@ApplicationScoped
public class SeverityPolicyService {

    /** Ack timeouts allowed anywhere in Vigil (spec §6): short enough for drills, at most a day. */
    public static final Duration MIN_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_ACK_TIMEOUT = Duration.ofHours(24);

    @Inject
    SeverityPolicyRepository policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithSession
    public Uni<List<SeverityPolicy>> list() {
        return policies.listAll(Sort.by("severity"));
    }

    @WithSession
    public Uni<SeverityPolicy> get(Severity severity) {
        return policies.findById(severity).onItem().ifNull().failWith(() -> NotFoundException.of("severity", severity));
    }

    @WithTransaction
    public Uni<SeverityPolicy> update(Severity severity, String description, boolean pageOnDeclare, Duration ackTimeout,
                                      boolean leadershipNotified, boolean postmortemRequired, Caller actor) {
        validateAckTimeout(ackTimeout, pageOnDeclare);
        return policies.findById(severity).flatMap(policy -> {
            if (policy == null) {
                throw NotFoundException.of("severity", severity);
            }
            JsonNode before = audit.snapshot(policy);
            policy.description = description.strip();
            policy.pageOnDeclare = pageOnDeclare;
            policy.ackTimeout = ackTimeout;
            policy.leadershipNotified = leadershipNotified;
            policy.postmortemRequired = postmortemRequired;
            policy.updatedAt = clock.instant();
            return audit.record(actor, "severity.updated", "severity", severity, before, policy).replaceWith(policy);
        });
    }

    static void validateAckTimeout(Duration ackTimeout, boolean pageOnDeclare) {
        if (ackTimeout == null) {
            if (pageOnDeclare) {
                throw ValidationException.of("ackTimeout", "is required when pageOnDeclare is true");
            }
            return;
        }
        if (ackTimeout.compareTo(MIN_ACK_TIMEOUT) < 0 || ackTimeout.compareTo(MAX_ACK_TIMEOUT) > 0) {
            throw ValidationException.of("ackTimeout", "must be from PT10S to PT24H");
        }
        if (ackTimeout.getNano() != 0) {
            throw ValidationException.of("ackTimeout", "must be a whole number of seconds");
        }
    }
}
