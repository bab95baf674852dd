package io.vigil.oncall.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.security.UserRef;
import io.vigil.oncall.Layer;
import io.vigil.oncall.OnCallBoard;
import io.vigil.oncall.OnCallOverride;
import io.vigil.oncall.OnCallService;
import io.vigil.oncall.OnCallService.RotationDetails;
import io.vigil.oncall.Region;
import io.vigil.user.Role;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "On-call")
public class OnCallResource {

    @Inject
    OnCallService oncall;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("rotations")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Create the rotation of a region and layer (MANAGER, ADMIN)")
    public Uni<RestResponse<RotationView>> createRotation(@Valid @NotNull RotationRequest request) {
        return oncall.createRotation(request.region(), request.layer(), request.participants(), request.shiftLength(),
                        request.firstHandoff(), caller.get())
                .flatMap(this::view).map(view -> RestResponse.status(Response.Status.CREATED, view));
    }

    @GET
    @Path("rotations")
    @Operation(summary = "List rotations as currently defined")
    public Uni<PageView<RotationView>> rotations() {
        return oncall.rotations().flatMap(list -> users.refs(list.stream()
                        .flatMap(d -> d.current().participantIds().stream()).toList())
                .map(people -> new PageView<>(list.stream().map(d -> view(d, people)).toList(), null)));
    }

    @GET
    @Path("rotations/{id}")
    @Operation(summary = "Get a rotation")
    public Uni<RotationView> rotation(@PathParam("id") String id) {
        return oncall.rotation(Params.pathId("rotation", id)).flatMap(this::view);
    }

    @PUT
    @Path("rotations/{id}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Edit a rotation from now on (MANAGER, ADMIN)",
            description = "Adds a version effective now; who was on call before now does not change.")
    public Uni<RotationView> editRotation(@PathParam("id") String id, @Valid @NotNull EditRotationRequest request) {
        return oncall.editRotation(Params.pathId("rotation", id), request.participants(), request.shiftLength(),
                request.firstHandoff(), caller.get()).flatMap(this::view);
    }

    @POST
    @Path("overrides")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Put someone in place of a layer's rotation for a time range (MANAGER, ADMIN)",
            description = "409 when another override of the same region and layer overlaps the range.")
    public Uni<RestResponse<OverrideView>> createOverride(@Valid @NotNull OverrideRequest request) {
        return oncall.createOverride(request.region(), request.layer(), request.userId(), request.start(),
                        request.end(), caller.get())
                .flatMap(o -> users.refs(List.of(o.userId)).map(people -> view(o, people)))
                .map(view -> RestResponse.status(Response.Status.CREATED, view));
    }

    @GET
    @Path("overrides")
    @Operation(summary = "List overrides", description = "Filters: region, layer, and from/to (overlapping the range).")
    public Uni<PageView<OverrideView>> overrides(@QueryParam("region") String region, @QueryParam("layer") String layer,
                                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant fromAt = Params.instant("from", from);
        Instant toAt = Params.instant("to", to);
        Params.range(fromAt, toAt);
        return oncall.overrides(Params.enumValue("region", region, Region.class),
                        Params.enumValue("layer", layer, Layer.class), fromAt, toAt)
                .flatMap(list -> users.refs(list.stream().map(o -> o.userId).toList())
                        .map(people -> new PageView<>(list.stream().map(o -> view(o, people)).toList(), null)));
    }

    @DELETE
    @Path("overrides/{id}")
    @Allowed({Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Delete an override (MANAGER, ADMIN)")
    public Uni<RestResponse<Void>> deleteOverride(@PathParam("id") String id) {
        return oncall.deleteOverride(Params.pathId("override", id), caller.get()).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("oncall")
    @Operation(summary = "Who is on call at an instant", description = "`at` defaults to now. The active region "
            + "follows spec §2: containment, the handoff on an overlap, and in a gap the region whose window ended "
            + "last, with `gap: true`.")
    public Uni<OnCallView> onCall(@QueryParam("at") String at) {
        return oncall.onCallAt(Params.instant("at", at)).flatMap(answer -> {
            List<UUID> ids = new ArrayList<>();
            answer.regions().forEach(r -> {
                ids.add(r.primary());
                ids.add(r.secondary());
            });
            return users.refs(ids).map(people -> new OnCallView(answer.at(), answer.activeRegion(), answer.gap(),
                    answer.regions().stream().map(r -> view(r, people)).toList()));
        });
    }

    @GET
    @Path("oncall/coverage")
    @Operation(summary = "Gaps, overlaps and unstaffed stretches over a range (at most a year)",
            description = "`unstaffed` lists, per region and layer, the parts of the region's windows with nobody on it.")
    public Uni<CoverageView> coverage(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant fromAt = Params.instant("from", from);
        Instant toAt = Params.instant("to", to);
        if (fromAt == null) throw io.vigil.common.problem.ValidationException.of("from", "is required");
        if (toAt == null) throw io.vigil.common.problem.ValidationException.of("to", "is required");
        Params.range(fromAt, toAt);
        return oncall.coverage(fromAt, toAt).map(report -> new CoverageView(
                report.gaps().stream().map(g -> new CoverageView.Span(g.start(), g.end())).toList(),
                report.overlaps().stream().map(o -> new CoverageView.OverlapSpan(o.interval().start(),
                        o.interval().end(), new java.util.TreeSet<>(o.regions()))).toList(),
                report.unstaffed().stream().map(u -> new CoverageView.UnstaffedSpan(u.region(), u.layer(),
                        u.interval().start(), u.interval().end())).toList()));
    }

    private static OnCallView.RegionOnCallView view(OnCallBoard.RegionOnCall r, Map<UUID, UserRef> people) {
        return new OnCallView.RegionOnCallView(r.region(), r.inCoverage(), ref(r.primary(), people),
                ref(r.secondary(), people), r.shiftEndsAt(), r.coverageEndsAt());
    }

    private Uni<RotationView> view(RotationDetails details) {
        return users.refs(details.current().participantIds()).map(people -> view(details, people));
    }

    private static RotationView view(RotationDetails d, Map<UUID, UserRef> people) {
        return new RotationView(d.rotation().id, d.rotation().region, d.rotation().layer,
                d.current().participantIds().stream().map(id -> ref(id, people)).toList(), d.current().shiftLength,
                d.current().firstHandoff.toString(), d.current().effectiveFrom, d.rotation().createdAt);
    }

    private static OverrideView view(OnCallOverride o, Map<UUID, UserRef> people) {
        return new OverrideView(o.id, o.region, o.layer, ref(o.userId, people), o.startAt, o.endAt, o.createdAt);
    }

    private static UserRef ref(UUID id, Map<UUID, UserRef> people) {
        return id == null ? null : people.getOrDefault(id, new UserRef(id, null, null));
    }
}
