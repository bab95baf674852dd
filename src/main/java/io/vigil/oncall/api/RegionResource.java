package io.vigil.oncall.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.paging.PageView;
import io.vigil.common.problem.NotFoundException;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.security.UserRef;
import io.vigil.oncall.DutyLead;
import io.vigil.oncall.Region;
import io.vigil.oncall.RegionService;
import io.vigil.oncall.RegionSettings;
import io.vigil.user.Role;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "On-call")
public class RegionResource {

    @Inject
    RegionService regions;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("regions")
    @Operation(summary = "The follow-the-sun regions", description = "APAC, EMEA, AMER with zone, local window and manager.")
    public Uni<PageView<RegionView>> list() {
        return regions.list().flatMap(list -> users.refs(list.stream().map(r -> r.managerId).toList())
                .map(people -> new PageView<>(list.stream().map(r -> view(r, people)).toList(), null)));
    }

    @GET
    @Path("regions/{code}")
    @Operation(summary = "One region")
    public Uni<RegionView> get(@PathParam("code") String code) {
        return regions.get(region(code)).flatMap(this::view);
    }

    @PUT
    @Path("regions/{code}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Change a region's zone, window and manager (MANAGER, ADMIN)",
            description = "`coverageStart`/`coverageEnd` are local times HH:mm; an end not after the start runs past midnight.")
    public Uni<RegionView> update(@PathParam("code") String code, @Valid @NotNull UpdateRegionRequest request) {
        Region region = region(code);
        UserService.validateZone(request.timeZone());
        return regions.update(region, request.timeZone(), LocalTime.parse(request.coverageStart()),
                LocalTime.parse(request.coverageEnd()), request.managerId(), caller.get()).flatMap(this::view);
    }

    @GET
    @Path("duty-lead")
    @Operation(summary = "The global CRT duty lead (the last escalation level)")
    public Uni<DutyLeadView> dutyLead() {
        return regions.dutyLead().flatMap(this::view);
    }

    @PUT
    @Path("duty-lead")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Set the global CRT duty lead (MANAGER, ADMIN)")
    public Uni<DutyLeadView> setDutyLead(@Valid @NotNull SetDutyLeadRequest request) {
        return regions.setDutyLead(request.userId(), caller.get()).flatMap(this::view);
    }

    private Uni<RegionView> view(RegionSettings region) {
        return users.refs(nonNull(region.managerId)).map(people -> view(region, people));
    }

    private static RegionView view(RegionSettings r, Map<UUID, UserRef> people) {
        return new RegionView(r.code, r.timeZone, r.coverageStart.toString(), r.coverageEnd.toString(),
                r.managerId == null ? null : people.get(r.managerId), r.updatedAt);
    }

    private Uni<DutyLeadView> view(DutyLead lead) {
        return users.refs(nonNull(lead.userId)).map(people ->
                new DutyLeadView(lead.userId == null ? null : people.get(lead.userId), lead.updatedAt));
    }

    private static List<UUID> nonNull(UUID id) {
        List<UUID> ids = new ArrayList<>();
        if (id != null) ids.add(id);
        return ids;
    }

    /** A region code from a path: an unknown one names nothing, so it is a 404. */
    static Region region(String code) {
        try {
            return Region.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.of("region", code);
        }
    }
}
