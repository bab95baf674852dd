package io.vigil.user.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.CurrentCaller;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users and tokens")
public class MeResource {

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "The caller")
    public Uni<UserView> me() {
        return users.get(caller.get().id()).map(UserView::of);
    }
}
