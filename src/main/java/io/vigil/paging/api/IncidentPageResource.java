package io.vigil.paging.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.CurrentCaller;
import io.vigil.incident.SeverityPolicyService;
import io.vigil.paging.PageService;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST /incidents/{id}/pages}: paging by hand (lives under the incidents root path). */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Paging")
public class IncidentPageResource {

    @Inject
    PageService pages;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("{id}/pages")
    @Operation(summary = "Page a user, a region or a policy for this incident",
            description = "Needs COMMANDER, MANAGER or ADMIN, or being the incident's commander. 409 when the "
                    + "incident is resolved, closed or cancelled.")
    public Uni<RestResponse<PageDetailView>> page(@PathParam("id") String id, @Valid @NotNull ManualPageRequest request,
                                                  UriInfo uri) {
        var timeout = request.ackTimeout();
        if (timeout != null && (timeout.compareTo(SeverityPolicyService.MIN_ACK_TIMEOUT) < 0
                || timeout.compareTo(SeverityPolicyService.MAX_ACK_TIMEOUT) > 0)) {
            throw ValidationException.of("ackTimeout", "must be from PT10S to PT24H");
        }
        var target = request.target();
        return pages.page(Params.pathId("incident", id),
                        new PageService.ManualTarget(target.type(), target.userId(), target.region(), target.policyId()),
                        request.message(), timeout, caller.get())
                .flatMap(d -> PageDetailView.render(d, users))
                .map(view -> RestResponse.ResponseBuilder.<PageDetailView>created(
                        uri.getBaseUriBuilder().path("api/v1/pages").path(view.id().toString()).build())
                        .entity(view).build());
    }
}
