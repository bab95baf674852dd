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
import io.vigil.paging.api.PageDetailView;
import io.vigil.user.UserService;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
public class PagesResource {

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

    static TemplateInstance page(Template template, String session, Caller me, int refreshSeconds) {
        return template.data("csrf", session == null ? null : WebSession.csrf(session)).data("me", me.handle())
                .data("refresh", refreshSeconds);
    }

    private static String name(io.vigil.common.security.UserRef user) {
        return user == null ? "nobody (unstaffed)" : user.displayName() + " (@" + user.handle() + ")";
    }
}
