package io.vigil.user.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Allowed;
import io.vigil.common.security.CurrentCaller;
import io.vigil.user.NewUser;
import io.vigil.user.Role;
import io.vigil.user.TokenService;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users and tokens")
public class UserResource {

    @Inject
    UserService users;

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @POST
    @Allowed(Role.ADMIN)
    @Operation(summary = "Create a user (ADMIN)")
    public Uni<RestResponse<UserView>> create(@Valid @NotNull CreateUserRequest request, UriInfo uri) {
        NewUser user = new NewUser(request.handle(), request.displayName(), request.email(), request.slackUserId(),
                request.timeZone(), request.roles(), request.languages());
        return users.create(user, caller.get()).map(saved -> RestResponse.ResponseBuilder
                .<UserView>created(uri.getAbsolutePathBuilder().path(saved.id.toString()).build())
                .entity(UserView.of(saved)).build());
    }

    @GET
    @Operation(summary = "List users", description = "In creation order, cursor-paged.")
    public Uni<PageView<UserView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return users.list(PageRequest.of(cursor, limit)).map(page -> page.map(UserView::of));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a user")
    public Uni<UserView> get(@PathParam("id") String id) {
        return users.get(Params.pathId("user", id)).map(UserView::of);
    }

    @POST
    @Path("{id}/tokens")
    @Operation(summary = "Issue an API token (the user themself or ADMIN)",
            description = "The token is in this response only; Vigil stores just its SHA-256.")
    public Uni<RestResponse<TokenCreatedView>> issueToken(@PathParam("id") String id,
                                                          @Valid @NotNull CreateTokenRequest request) {
        UUID userId = Params.pathId("user", id);
        return tokens.issue(userId, request.name(), caller.get()).map(issued -> RestResponse.status(
                Response.Status.CREATED, new TokenCreatedView(issued.stored().id, userId, issued.stored().name,
                        issued.secret(), issued.stored().createdAt)));
    }

    @GET
    @Path("{id}/tokens")
    @Operation(summary = "List a user's tokens (metadata only; the user themself or ADMIN)")
    public Uni<PageView<TokenView>> listTokens(@PathParam("id") String id) {
        return tokens.list(Params.pathId("user", id), caller.get())
                .map(list -> new PageView<>(list.stream().map(TokenView::of).toList(), null));
    }

    @DELETE
    @Path("{id}/tokens/{tokenId}")
    @Operation(summary = "Revoke a token (the user themself or ADMIN); idempotent")
    public Uni<RestResponse<Void>> revokeToken(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        return tokens.revoke(Params.pathId("user", id), Params.pathId("token", tokenId), caller.get())
                .map(v -> RestResponse.noContent());
    }
}
