package io.vigil.oncall.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.security.CurrentCaller;
import io.vigil.common.security.PublicEndpoint;
import io.vigil.oncall.CalendarService;
import io.vigil.oncall.Region;
import jakarta.inject.Inject;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The per-user calendar endpoints. They live under the same root as the user resource because
 * JAX-RS picks one root class per request and does not fall back to another.
 */
@Path("/api/v1/users")
@Tag(name = "On-call")
public class UserCalendarResource {

    static final String CALENDAR = "text/calendar";

    @Inject
    CalendarService calendars;

    @Inject
    CurrentCaller caller;

    /** The answer of {@code POST /users/{id}/calendar-token}; the token is shown only here. */
    public record CalendarTokenView(String token, String userFeedUrl, Map<Region, String> regionFeedUrls) {
    }

    @POST
    @Path("{id}/calendar-token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a calendar-feed token (the user themself or ADMIN)",
            description = "Replaces any earlier one. The feed URLs carry it, because calendar apps cannot send headers.")
    public Uni<RestResponse<CalendarTokenView>> issue(@PathParam("id") String id, UriInfo uri) {
        UUID userId = Params.pathId("user", id);
        return calendars.issue(userId, caller.get()).map(token -> {
            String base = uri.getBaseUri().toString().replaceAll("/$", "") + "/api/v1/";
            Map<Region, String> regions = new LinkedHashMap<>();
            for (Region region : Region.values()) {
                regions.put(region, base + "regions/" + region + "/oncall.ics?token=" + token);
            }
            return RestResponse.status(Response.Status.CREATED, new CalendarTokenView(token,
                    base + "users/" + userId + "/oncall.ics?token=" + token, regions));
        });
    }

    @DELETE
    @Path("{id}/calendar-token")
    @Operation(summary = "Revoke a user's calendar-feed token (the user themself or ADMIN)")
    public Uni<RestResponse<Void>> revoke(@PathParam("id") String id) {
        return calendars.revoke(Params.pathId("user", id), caller.get()).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/oncall.ics")
    @Produces(CALENDAR)
    @PublicEndpoint
    @Operation(summary = "A user's on-call calendar (iCalendar)", description = "`token`: that user's calendar token.")
    public Uni<String> userFeed(@PathParam("id") String id, @QueryParam("token") String token) {
        return calendars.userFeed(Params.pathId("user", id), token);
    }
}
