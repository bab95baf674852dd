package io.vigil.oncall.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.security.PublicEndpoint;
import io.vigil.oncall.CalendarService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A region's on-call calendar feed; the per-user endpoints are in {@link UserCalendarResource}. */
@Path("/api/v1")
@Tag(name = "On-call")
public class CalendarResource {

    @Inject
    CalendarService calendars;

    @GET
    @Path("regions/{code}/oncall.ics")
    @Produces(UserCalendarResource.CALENDAR)
    @PublicEndpoint
    @Operation(summary = "Region on-call calendar (iCalendar)", description = "`token`: a calendar token.")
    public Uni<String> regionFeed(@PathParam("code") String code, @QueryParam("token") String token) {
        return calendars.regionFeed(RegionResource.region(code), token);
    }
}
