package io.vigil.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vigil.common.security.TokenAuthenticator;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing in to the web pages with an API token, and signing out. */
@Path("/")
@Tag(name = "Web pages")
public class SignInResource {

    @Inject
    Template login;

    @Inject
    TokenAuthenticator authenticator;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The sign-in page")
    public TemplateInstance form(@QueryParam("next") String next) {
        return login.data("next", WebSession.safeNext(next)).data("error", null);
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Exchange an API token for a session cookie")
    public Uni<Response> signIn(@FormParam("token") String token, @FormParam("next") String next) {
        String target = WebSession.safeNext(next);
        if (token == null || token.isBlank()) {
            return Uni.createFrom().item(refused(target, "Paste your API token."));
        }
        return authenticator.authenticate(token.strip()).map(found -> found.isEmpty()
                ? refused(target, "That token is unknown, revoked, or belongs to a deactivated user.")
                : Response.seeOther(URI.create(target)).cookie(WebSession.cookie(token.strip(),
                        WebSession.MAX_AGE_SECONDS)).build());
    }

    @POST
    @Path("logout")
    @Operation(summary = "Sign out: the session cookie is cleared")
    public Response signOut(@CookieParam(WebSession.COOKIE) String session, @FormParam("csrf") String csrf) {
        if (session != null && (csrf == null || !csrf.equals(WebSession.csrf(session)))) {
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity("The form has expired; reload the page.")
                    .build();
        }
        return Response.seeOther(URI.create("/login")).cookie(WebSession.cookie("", 0)).build();
    }

    private Response refused(String next, String error) {
        return Response.status(401).type(MediaType.TEXT_HTML)
                .entity(login.data("next", next).data("error", error).render()).build();
    }
}
