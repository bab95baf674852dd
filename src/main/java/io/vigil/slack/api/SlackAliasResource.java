package io.vigil.slack.api;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The spec's short paths, {@code /slack/interactions} and {@code /slack/commands}: the same endpoints. */
@Path("/slack")
@Tag(name = "Slack")
public class SlackAliasResource {

    @Inject
    SlackResource slack;

    @POST
    @Path("interactions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> interactions(@HeaderParam(SlackResource.TIMESTAMP) String timestamp,
                                      @HeaderParam(SlackResource.SIGNATURE) String signature, byte[] body) {
        return slack.interactions(timestamp, signature, body);
    }

    @POST
    @Path("commands")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> commands(@HeaderParam(SlackResource.TIMESTAMP) String timestamp,
                                  @HeaderParam(SlackResource.SIGNATURE) String signature, byte[] body) {
        return slack.commands(timestamp, signature, body);
    }
}
