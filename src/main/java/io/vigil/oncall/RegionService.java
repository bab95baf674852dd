package io.vigil.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vigil.audit.AuditLog;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.Caller;
import io.vigil.user.User;
import io.vigil.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Regions (zone, coverage window, manager) and the global duty lead. */
@ApplicationScoped
public class RegionService {

    @Inject
    UserRepository users;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @WithSession
    public Uni<List<RegionSettings>> list() {
        return RegionSettings.<RegionSettings>listAll(Sort.by("code"))
                .map(all -> all.stream().sorted(java.util.Comparator.comparing(r -> r.code.ordinal())).toList());
    }

    @WithSession
    public Uni<RegionSettings> get(Region code) {
        return RegionSettings.<RegionSettings>findById(code).onItem().ifNull()
                .failWith(() -> NotFoundException.of("region", code));
    }

    /** Replaces a region's zone, window and manager; the zone was checked by the caller. */
    @WithTransaction
    public Uni<RegionSettings> update(Region code, String timeZone, LocalTime start, LocalTime end, UUID managerId,
                                      Caller actor) {
        if (start.equals(end)) {
            throw ValidationException.of("coverageEnd", "must differ from coverageStart");
        }
        return RegionSettings.<RegionSettings>findById(code).flatMap(region -> {
            if (region == null) {
                throw NotFoundException.of("region", code);
            }
            return activeUserOrNull(managerId, "managerId").flatMap(manager -> {
                JsonNode before = audit.snapshot(region);
                region.timeZone = timeZone;
                region.coverageStart = start;
                region.coverageEnd = end;
                region.managerId = manager == null ? null : manager.id;
                region.updatedAt = clock.instant();
                return audit.record(actor, "region.updated", "region", code, before, region).replaceWith(region);
            });
        });
    }

    @WithSession
    public Uni<DutyLead> dutyLead() {
        return DutyLead.<DutyLead>findById(DutyLead.ID);
    }

    @WithTransaction
    public Uni<DutyLead> setDutyLead(UUID userId, Caller actor) {
        return users.activeOrInvalid(userId, "userId").flatMap(user -> DutyLead.<DutyLead>findById(DutyLead.ID)
                .flatMap(lead -> {
                    JsonNode before = audit.snapshot(lead);
                    lead.userId = user.id;
                    lead.updatedAt = clock.instant();
                    return audit.record(actor, "duty_lead.updated", "duty_lead", DutyLead.ID, before, lead)
                            .replaceWith(lead);
                }));
    }

    private Uni<User> activeUserOrNull(UUID userId, String field) {
        return userId == null ? Uni.createFrom().nullItem() : users.activeOrInvalid(userId, field);
    }
}
