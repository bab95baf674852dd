package io.vigil.paging.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.CurrentCaller;
import io.vigil.paging.PageService;
import io.vigil.paging.PageStatus;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pages: list, read, acknowledge (spec §3). Pages of incidents the caller cannot see do not exist for them. */
@Path("/api/v1/pages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Paging")
public class PageResource {

    @Inject
    PageService pages;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "List pages", description = "Newest first; filters `status`, `userId` (pages that notified "
            + "them), `incidentId`; `cursor`/`limit` paging.")
    public Uni<PageView<PageDetailView>> list(@QueryParam("status") String status, @QueryParam("userId") String userId,
                                              @QueryParam("incidentId") String incidentId,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        PageService.Query query = new PageService.Query(Params.enumValue("status", status, PageStatus.class),
                Params.uuid("userId", userId), Params.uuid("incidentId", incidentId));
        return pages.list(query, PageRequest.of(cursor, limit), caller.get())
                .flatMap(page -> users.refs(PageDetailView.people(page.items()))
                        .map(people -> page.map(d -> PageDetailView.of(d, people))));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a page with its notifications")
    public Uni<PageDetailView> get(@PathParam("id") String id) {
        return pages.get(Params.pathId("page", id), caller.get()).flatMap(d -> PageDetailView.render(d, users));
    }

    @POST
    @Path("{id}/ack")
    @Operation(summary = "Acknowledge a page", description = "Idempotent. Allowed to the people it notified and to "
            + "those who may run the incident. Stops the escalation.")
    public Uni<PageDetailView> acknowledge(@PathParam("id") String id) {
        return pages.acknowledge(Params.pathId("page", id), caller.get(), "REST").flatMap(d -> PageDetailView.render(d, users));
    }

    @POST
    @Path("{id}/escalate")
    @Operation(summary = "Escalate a page now", description = "Notifies the next level at once instead of waiting for "
            + "the timeout (Slack's 'Escalate now'). Allowed to the same people as acknowledging; 409 unless TRIGGERED.")
    public Uni<PageDetailView> escalate(@PathParam("id") String id) {
        return pages.escalateNow(Params.pathId("page", id), caller.get(), "REST").flatMap(d -> PageDetailView.render(d, users));
    }
}
