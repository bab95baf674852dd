package io.vigil.oncall.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.problem.NotFoundException;
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

@Path("/api/v1")
@Tag(name = "On-call")
public class CalendarResource {


    private static final String CALENDAR = "text/calendar";

    @Inject
    CalendarService calendars;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("regions/{code}/oncall.ics")
    @Produces(CALENDAR)
    @PublicEndpoint
    @Operation(summary = "Region on-call calendar (iCalendar)", description = "`token`: a calendar token.")
    public Uni<String> regionFeed(@PathParam("code") String code, @QueryParam("token") String token) {
        Region region;
        try {
            region = Region.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.of("region", code);
        }
        return calendars.regionFeed(region, token);
    }
}
