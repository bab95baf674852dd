package io.vigil.report.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.problem.ValidationException;
import io.vigil.common.security.CurrentCaller;
import io.vigil.oncall.Region;
import io.vigil.report.ReportService;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /reports/summary}: operational KPIs for any signed-in user (LEADERSHIP's main read). */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
public class ReportResource {

    /** The longest range one summary covers. */
    static final Duration MAX_RANGE = Duration.ofDays(400);

    @Inject
    ReportService reports;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @GET
    @Path("summary")
    @Operation(summary = "KPIs of the incidents declared in [from, to)", description = "Defaults: the last 30 days. "
            + "Filters `region`, `category`. MTTA/MTTM/MTTR as mean, p50, p90 (nearest rank); restricted incidents "
            + "you may not see count without showing their category or region.")
    public Uni<ReportSummaryView> summary(@QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("region") String region,
                                          @QueryParam("category") String category) {
        Instant end = to == null || to.isBlank() ? clock.instant() : Params.instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(30)) : Params.instant("from", from);
        Params.range(start, end);
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ValidationException.of("from", "the range may cover at most 400 days");
        }
        ReportService.Range range = new ReportService.Range(start, end, Params.enumValue("region", region, Region.class),
                category == null || category.isBlank() ? null : category.strip().toUpperCase());
        return reports.summary(range, caller.get()).flatMap(report -> users.refs(
                        List.copyOf(report.summary().pagesPerResponder().keySet()))
                .map(people -> ReportSummaryView.of(report, people)));
    }
}
