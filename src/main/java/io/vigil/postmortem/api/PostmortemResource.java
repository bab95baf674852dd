package io.vigil.postmortem.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.problem.ValidationException;
import io.vigil.postmortem.PostmortemReport;
import io.vigil.postmortem.PostmortemService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /postmortems}: read (whoever sees the incident), edit, move, add action items (who runs it). */
@Path("/api/v1/postmortems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Post-mortems")
public class PostmortemResource {

    @Inject
    PostmortemService postmortems;

    @Inject
    PostmortemViews views;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("{id}")
    @Operation(summary = "Get a post-mortem with its action items")
    public Uni<PostmortemView> get(@PathParam("id") String id) {
        return postmortems.get(Params.pathId("post-mortem", id), caller.get()).flatMap(views::of);
    }

    @GET
    @Path("{id}/report")
    @Produces({"text/markdown", MediaType.TEXT_HTML})
    @Operation(summary = "The post-incident report", description = "`format=md` (default, text/markdown) or "
            + "`format=html`: header, summary, impact, key durations against the target, root cause, contributing "
            + "factors, action items with owners and state, and the timeline.")
    public Uni<Response> report(@PathParam("id") String id,
                                                   @QueryParam("format") String format) {
        boolean html = "html".equalsIgnoreCase(format);
        if (format != null && !html && !"md".equalsIgnoreCase(format) && !"markdown".equalsIgnoreCase(format)) {
            throw ValidationException.of("format", "must be md or html");
        }
        return postmortems.report(Params.pathId("post-mortem", id), caller.get()).map(facts -> html
                ? Response.ok(PostmortemReport.html(facts),
                        "text/html; charset=utf-8").build()
                : Response.ok(PostmortemReport.markdown(facts),
                        "text/markdown; charset=utf-8").build());
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Edit a post-mortem", description = "Absent fields are left as they are. 409 once PUBLISHED.")
    public Uni<PostmortemView> edit(@PathParam("id") String id, @Valid @NotNull EditPostmortemRequest request) {
        return postmortems.edit(Params.pathId("post-mortem", id), new PostmortemService.Edit(request.summary(),
                        request.impact(), request.rootCause(), request.contributingFactors(), request.wentWell(),
                        request.wentWrong()), caller.get())
                .flatMap(views::of);
    }

    @POST
    @Path("{id}/status")
    @Operation(summary = "Move a post-mortem: DRAFT → IN_REVIEW → PUBLISHED (or back to DRAFT from review)",
            description = "409 for another move or an unresolved incident; 422 naming what publishing still needs.")
    public Uni<PostmortemView> status(@PathParam("id") String id, @Valid @NotNull PostmortemStatusRequest request) {
        return postmortems.changeStatus(Params.pathId("post-mortem", id), request.status(), caller.get())
                .flatMap(views::of);
    }

    @POST
    @Path("{id}/action-items")
    @Operation(summary = "Add an action item")
    public Uni<RestResponse<ActionItemView>> addActionItem(@PathParam("id") String id,
                                                          @Valid @NotNull ActionItemRequest request, UriInfo uri) {
        return postmortems.addActionItem(Params.pathId("post-mortem", id), new PostmortemService.NewActionItem(
                        request.title(), request.ownerId(), request.dueDate(), request.priority()), caller.get())
                .flatMap(item -> views.of(java.util.List.of(item)))
                .map(list -> RestResponse.ResponseBuilder.<ActionItemView>created(
                        uri.getBaseUriBuilder().path("api/v1/action-items").path(list.get(0).id().toString()).build())
                        .entity(list.get(0)).build());
    }
}
