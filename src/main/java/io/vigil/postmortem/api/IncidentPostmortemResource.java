package io.vigil.postmortem.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.security.CurrentCaller;
import io.vigil.postmortem.PostmortemService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST/GET /incidents/{id}/postmortem} (lives under the incidents root path). */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Post-mortems")
public class IncidentPostmortemResource {

    @Inject
    PostmortemService postmortems;

    @Inject
    PostmortemViews views;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("{id}/postmortem")
    @Operation(summary = "Start the incident's post-mortem", description = "A DRAFT prefilled from the incident: "
            + "summary, an impact placeholder, the frozen timeline and key durations. 409 if one exists.")
    public Uni<RestResponse<PostmortemView>> create(@PathParam("id") String id, UriInfo uri) {
        return postmortems.create(Params.pathId("incident", id), caller.get()).flatMap(views::of)
                .map(view -> RestResponse.ResponseBuilder.<PostmortemView>created(
                        uri.getBaseUriBuilder().path("api/v1/postmortems").path(view.id().toString()).build())
                        .entity(view).build());
    }

    @GET
    @Path("{id}/postmortem")
    @Operation(summary = "The incident's post-mortem, with its action items")
    public Uni<PostmortemView> get(@PathParam("id") String id) {
        return postmortems.ofIncident(Params.pathId("incident", id), caller.get()).flatMap(views::of);
    }
}
