package io.vigil.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vigil.common.api.Params;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.security.Caller;
import io.vigil.common.security.CurrentCaller;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentQuery;
import io.vigil.incident.IncidentService;
import io.vigil.incident.IncidentStatus;
import io.vigil.oncall.OnCallService;
import io.vigil.paging.PageService;
import io.vigil.postmortem.PostmortemReport;
import io.vigil.postmortem.PostmortemService;
import io.vigil.report.Kpis;
import io.vigil.report.ReportService;
import io.vigil.paging.api.PageDetailView;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The pages people look at in a crisis: {@code /} (open incidents by severity, who holds the pager
 * now) and {@code /incidents/{id}} (details, timeline, pages; refreshed every 15 s). Server-rendered
 * with Qute from the same services as the API, so the same visibility rules apply.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages")
@TemplateData(target = Kpis.Summary.class)
@TemplateData(target = Kpis.PostmortemHealth.class)
@TemplateData(target = Kpis.ActionItemHealth.class)
public class PagesResource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", java.util.Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @TemplateData
    public record Row(UUID id, String reference, String title, String severity, String category, String region,
                      String status, String declaredAt, boolean restricted) {
        static Row of(Incident i) {
            return new Row(i.id, i.reference(), i.title, i.severity.name(), i.category, i.region.name(),
                    i.status.name(), WHEN.format(i.declaredAt), i.restricted);
        }
    }

    @TemplateData
    public record Duty(String region, boolean active, boolean inCoverage, String primary, String secondary,
                       String shiftEndsAt) {
    }

    @TemplateData
    public record Event(String at, String type, String actor, String text) {
    }

    @TemplateData
    public record PageRow(String status, int level, String triggeredAt, String acknowledgedBy, String notified) {
    }

    @Inject
    Template dashboard;

    @Inject
    Template incident;

    @Inject
    IncidentService incidents;

    @Inject
    OnCallService onCall;

    @Inject
    PageService pages;

    @Inject
    UserService users;

    @Inject
    CurrentCaller caller;

    @Inject
    Template postmortem;

    @Inject
    @io.quarkus.qute.Location("reports.html")
    Template reportsPage;

    @Inject
    PostmortemService postmortems;

    @Inject
    ReportService reports;

    @Inject
    java.time.Clock clock;

    @GET
    @Operation(summary = "Now: open incidents by severity, and who holds the pager")
    public Uni<TemplateInstance> now(@CookieParam(WebSession.COOKIE) String session) {
        Caller me = caller.get();
        // one status after the other: the three queries share the request's session
        Uni<List<Incident>> open = Uni.createFrom().item(new ArrayList<>());
        for (IncidentStatus status : List.of(IncidentStatus.DECLARED, IncidentStatus.INVESTIGATING,
                IncidentStatus.MITIGATED)) {
            open = open.flatMap(all -> incidents.list(new IncidentQuery(status, null, null, null, null, null),
                    PageRequest.of(null, "200"), me).map(page -> {
                        all.addAll(page.items());
                        return all;
                    }));
        }
        return open.flatMap(all -> {
            List<Row> rows = all.stream()
                    .sorted(Comparator.comparing((Incident i) -> i.severity).thenComparing(i -> i.declaredAt))
                    .map(Row::of).toList();
            return onCall.onCallAt(null).flatMap(answer -> {
                List<UUID> ids = new ArrayList<>();
                answer.regions().forEach(r -> {
                    ids.add(r.primary());
                    ids.add(r.secondary());
                });
                return users.refs(ids).map(people -> {
                    List<Duty> duty = answer.regions().stream().map(r -> new Duty(r.region().name(),
                            r.region() == answer.activeRegion(), r.inCoverage(), name(r.primary() == null ? null : people.get(r.primary())),
                            name(r.secondary() == null ? null : people.get(r.secondary())),
                            r.shiftEndsAt() == null ? "—" : WHEN.format(r.shiftEndsAt()))).toList();
                    return page(dashboard, session, me, 30).data("incidents", rows).data("duty", duty)
                            .data("activeRegion", answer.activeRegion().name()).data("gap", answer.gap())
                            .data("at", WHEN.format(answer.at()));
                });
            });
        });
    }

    @GET
    @Path("incidents/{id}")
    @Operation(summary = "An incident: details, live timeline and pages")
    public Uni<TemplateInstance> incident(@PathParam("id") String id, @CookieParam(WebSession.COOKIE) String session) {
        Caller me = caller.get();
        UUID incidentId = Params.pathId("incident", id);
        return incidents.get(incidentId, me).flatMap(i -> incidents.timeline(incidentId, PageRequest.of(null, "200"), me)
                .flatMap(timeline -> pages.list(new PageService.Query(null, null, incidentId), PageRequest.of(null, "50"),
                                me)
                        .flatMap(found -> users.refs(PageDetailView.people(found.items())).map(people -> {
                            List<Event> events = timeline.items().stream().map(e -> new Event(WHEN.format(e.at),
                                    e.type.name(), e.actorHandle == null ? "Vigil" : "@" + e.actorHandle, e.text))
                                    .toList();
                            List<PageRow> pageRows = found.items().stream().map(d -> PageDetailView.of(d, people))
                                    .map(v -> new PageRow(v.status(), v.level(), WHEN.format(v.triggeredAt()),
                                            v.acknowledgedBy() == null ? "—" : "@" + v.acknowledgedBy().handle(),
                                            String.join(", ", v.notifications().stream()
                                                    .map(n -> "@" + n.handle() + " (L" + n.level() + ", " + n.channel()
                                                            + ")").toList())))
                                    .toList();
                            return page(this.incident, session, me, 15).data("i", Row.of(i))
                                    .data("summary", i.summary).data("events", events).data("pages", pageRows);
                        }))));
    }

    @GET
    @Path("postmortems/{id}")
    @Operation(summary = "A post-mortem, as its post-incident report")
    public Uni<TemplateInstance> postmortem(@PathParam("id") String id, @CookieParam(WebSession.COOKIE) String session) {
        Caller me = caller.get();
        return postmortems.report(Params.pathId("post-mortem", id), me).map(facts -> page(postmortem, session, me, 0)
                .data("reference", facts.reference()).data("body", PostmortemReport.htmlBody(facts))
                .data("id", id));
    }

    @GET
    @Path("reports")
    @Operation(summary = "KPIs with charts: incidents per week by severity, MTTA/MTTR trend, on-call load")
    public Uni<TemplateInstance> reports(@QueryParam("weeks") String weeksParam,
                                         @CookieParam(WebSession.COOKIE) String session) {
        Caller me = caller.get();
        int weeks = weeksParam == null || weeksParam.isBlank() ? 13 : Params.intInRange("weeks", weeksParam, 1, 52);
        Instant end = clock.instant();
        Instant start = end.minus(Duration.ofDays(7L * weeks));
        Uni<List<ReportService.Report>> weekly = Uni.createFrom().item(new ArrayList<>());
        for (int w = 0; w < weeks; w++) {
            Instant from = start.plus(Duration.ofDays(7L * w));
            Instant to = from.plus(Duration.ofDays(7));
            weekly = weekly.flatMap(list -> reports.summary(new ReportService.Range(from, to, null, null), me)
                    .map(r -> {
                        list.add(r);
                        return list;
                    }));
        }
        return weekly.flatMap(perWeek -> reports.summary(new ReportService.Range(start, end, null, null), me)
                .flatMap(total -> users.refs(List.copyOf(total.summary().pagesPerResponder().keySet()))
                        .map(people -> {
                            Kpis.Summary s = total.summary();
                            List<String> severities = List.of("SEV1", "SEV2", "SEV3", "SEV4");
                            List<Charts.Stack> stacks = perWeek.stream().map(r -> new Charts.Stack(
                                    DAY.format(r.range().from()), severities.stream()
                                    .map(sev -> r.summary().bySeverity().getOrDefault(sev, 0)).toList())).toList();
                            List<Charts.Point> mtta = perWeek.stream().map(r -> new Charts.Point(
                                    DAY.format(r.range().from()), minutes(r.summary().mtta().mean()))).toList();
                            List<Charts.Point> mttr = perWeek.stream().map(r -> new Charts.Point(
                                    DAY.format(r.range().from()), minutes(r.summary().mttr().mean()))).toList();
                            List<Charts.Point> load = s.pagesPerResponder().entrySet().stream()
                                    .sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                                    .map(e -> new Charts.Point(people.containsKey(e.getKey())
                                            ? "@" + people.get(e.getKey()).handle() : "unknown",
                                            e.getValue().doubleValue())).toList();
                            return page(reportsPage, session, me, 0)
                                    .data("from", DAY.format(start)).data("to", DAY.format(end)).data("weeks", weeks)
                                    .data("s", s)
                                    .data("mttaText", PostmortemReport.human(s.mtta().mean()))
                                    .data("mttaP90", PostmortemReport.human(s.mtta().p90()))
                                    .data("mttrText", PostmortemReport.human(s.mttr().mean()))
                                    .data("mttrP90", PostmortemReport.human(s.mttr().p90()))
                                    .data("perWeek", Charts.stacked("Incidents per week by severity", stacks,
                                            severities, List.of("#a40000", "#d35400", "#b7950b", "#2e6da4")))
                                    .data("trend", Charts.lines("MTTA and MTTR per week (minutes)",
                                            List.of(mtta, mttr), List.of("MTTA", "MTTR"), List.of("#2e6da4", "#a40000")))
                                    .data("load", load.isEmpty() ? null
                                            : Charts.bars("Pages per responder", load, "#555"));
                        })));
    }

    private static Double minutes(Duration d) {
        return d == null ? null : d.toSeconds() / 60.0;
    }

    static TemplateInstance page(Template template, String session, Caller me, int refreshSeconds) {
        TemplateInstance page = template.data("csrf", session == null ? null : WebSession.csrf(session))
                .data("me", me.handle());
        return refreshSeconds > 0 ? page.data("refresh", refreshSeconds) : page;
    }

    private static String name(io.vigil.common.security.UserRef user) {
        return user == null ? "nobody (unstaffed)" : user.displayName() + " (@" + user.handle() + ")";
    }
}
