package io.vigil.incident.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.json.StoredJson;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.Caller;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.security.UserRef;
import io.vigil.incident.DeclareIncident;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentParticipant;
import io.vigil.incident.IncidentQuery;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.oncall.Region;
import io.vigil.timeline.TimelineEntry;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    @Inject
    IncidentService incidents;

    @Inject
    UserService users;

    @Inject
    CurrentCaller current;

    @Inject
    StoredJson json;

    @POST
    @Allowed({Role.RESPONDER, Role.COMMANDER, Role.MANAGER, Role.ADMIN})
    @Operation(summary = "Declare an incident", description = "CHILD_SAFETY and VIOLENT_EXTREMISM are restricted "
            + "by default; only an ADMIN may declare them unrestricted.")
    public Uni<RestResponse<IncidentView>> declare(@Valid @NotNull DeclareIncidentRequest request, UriInfo uri) {
        Caller caller = current.get();
        DeclareIncident command = new DeclareIncident(request.title(), request.summary(), request.category(),
                request.severity(), request.region(), request.restricted());
        return incidents.declare(command, caller).map(saved -> RestResponse.ResponseBuilder
                .<IncidentView>created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                .entity(IncidentView.of(saved, Map.of(caller.id(), caller.ref()))).build());
    }

    @GET
    @Operation(summary = "List incidents", description = "Newest first. Filters: status, severity, region, category, "
            + "from/to on declaredAt (to exclusive). Restricted incidents the caller may not see are absent.")
    public Uni<PageView<IncidentView>> list(@QueryParam("status") String status, @QueryParam("severity") String severity,
                                            @QueryParam("region") String region, @QueryParam("category") String category,
                                            @QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        IncidentQuery query = query(status, severity, region, category, from, to);
        return incidents.list(query, PageRequest.of(cursor, limit), current.get())
                .flatMap(page -> users.refs(page.items().stream()
                                .flatMap(i -> Stream.of(i.commanderId, i.declaredBy)).toList())
                        .map(people -> page.map(i -> IncidentView.of(i, people))));
    }

    @GET
    @Path("counts")
    @Operation(summary = "Count incidents", description = "Same filters as the list; counts only what the caller may see.")
    public Uni<IncidentCountsView> counts(@QueryParam("status") String status, @QueryParam("severity") String severity,
                                          @QueryParam("region") String region, @QueryParam("category") String category,
                                          @QueryParam("from") String from, @QueryParam("to") String to) {
        return incidents.count(query(status, severity, region, category, from, to), current.get())
                .map(c -> new IncidentCountsView(c.total(), c.byStatus(), c.bySeverity()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get an incident")
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return incidents.get(incidentId(id), current.get()).flatMap(this::view);
    }

    @POST
    @Path("{id}/status")
    @Operation(summary = "Change the status", description = "409 names the allowed moves when the move is illegal.")
    public Uni<IncidentView> changeStatus(@PathParam("id") String id, @Valid @NotNull ChangeStatusRequest request) {
        return incidents.changeStatus(incidentId(id), request.status(), request.reason(), current.get())
                .flatMap(this::view);
    }

    @POST
    @Path("{id}/severity")
    @Operation(summary = "Change the severity, with a reason")
    public Uni<IncidentView> changeSeverity(@PathParam("id") String id, @Valid @NotNull ChangeSeverityRequest request) {
        return incidents.changeSeverity(incidentId(id), request.severity(), request.reason(), current.get())
                .flatMap(this::view);
    }

    @PUT
    @Path("{id}/commander")
    @Operation(summary = "Assign the incident commander")
    public Uni<IncidentView> assignCommander(@PathParam("id") String id, @Valid @NotNull UserIdRequest request) {
        return incidents.assignCommander(incidentId(id), request.userId(), current.get()).flatMap(this::view);
    }

    @GET
    @Path("{id}/participants")
    @Operation(summary = "List participants")
    public Uni<PageView<ParticipantView>> participants(@PathParam("id") String id) {
        return incidents.participants(incidentId(id), current.get()).flatMap(this::participantViews);
    }

    @POST
    @Path("{id}/participants")
    @Operation(summary = "Add a participant", description = "Participants see the incident even when it is restricted.")
    public Uni<RestResponse<PageView<ParticipantView>>> addParticipant(@PathParam("id") String id,
                                                                       @Valid @NotNull UserIdRequest request) {
        return incidents.addParticipant(incidentId(id), request.userId(), current.get())
                .flatMap(this::participantViews)
                .map(list -> RestResponse.status(Response.Status.CREATED, list));
    }

    @DELETE
    @Path("{id}/participants/{userId}")
    @Operation(summary = "Remove a participant")
    public Uni<PageView<ParticipantView>> removeParticipant(@PathParam("id") String id,
                                                            @PathParam("userId") String userId) {
        return incidents.removeParticipant(incidentId(id), Params.pathId("participant", userId), current.get())
                .flatMap(this::participantViews);
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "Read the timeline", description = "Ordered by `at`, then insertion order; cursor-paged.")
    public Uni<PageView<TimelineEntryView>> timeline(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                                     @QueryParam("limit") String limit) {
        return incidents.timeline(incidentId(id), PageRequest.of(cursor, limit), current.get())
                .map(page -> page.map(this::entryView));
    }

    @POST
    @Path("{id}/timeline")
    @Operation(summary = "Add a note", description = "`at` may back-date the note; it may not be in the future.")
    public Uni<RestResponse<TimelineEntryView>> addNote(@PathParam("id") String id,
                                                        @Valid @NotNull AddNoteRequest request) {
        return incidents.addNote(incidentId(id), request.text(), request.at(), current.get())
                .map(entry -> RestResponse.status(Response.Status.CREATED, entryView(entry)));
    }

    private static UUID incidentId(String id) {
        return Params.pathId("incident", id);
    }

    private static IncidentQuery query(String status, String severity, String region, String category, String from,
                                       String to) {
        Instant fromAt = Params.instant("from", from);
        Instant toAt = Params.instant("to", to);
        Params.range(fromAt, toAt);
        return new IncidentQuery(Params.enumValue("status", status, IncidentStatus.class),
                Params.enumValue("severity", severity, Severity.class),
                Params.enumValue("region", region, Region.class),
                category == null || category.isBlank() ? null : category.trim(), fromAt, toAt);
    }

    private Uni<IncidentView> view(Incident incident) {
        return users.refs(List.of(Stream.of(incident.commanderId, incident.declaredBy)
                        .filter(java.util.Objects::nonNull).toArray(UUID[]::new)))
                .map(people -> IncidentView.of(incident, people));
    }

    private Uni<PageView<ParticipantView>> participantViews(List<IncidentParticipant> list) {
        List<UUID> ids = new ArrayList<>(list.stream().map(p -> p.userId).toList());
        return users.refs(ids).map(people -> new PageView<>(list.stream().map(p -> {
            UserRef u = people.getOrDefault(p.userId, new UserRef(p.userId, null, null));
            return new ParticipantView(p.userId, u.handle(), u.displayName(), p.addedAt, p.addedBy);
        }).toList(), null));
    }

    private TimelineEntryView entryView(TimelineEntry e) {
        UserRef actor = e.actorId == null ? null : new UserRef(e.actorId, e.actorHandle, e.actorDisplayName);
        return new TimelineEntryView(e.id, e.at, e.type, actor, e.text, json.read(e.dataJson), e.recordedAt);
    }
}
