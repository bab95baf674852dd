package io.vigil.demo;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads {@link DemoQuarter} into the database — only when asked ({@code ONCALL_DEMO_LOAD=true}), and
 * only once: the demo people are the marker. It writes rows directly, because a past quarter cannot
 * be lived through the API (whose clock is now), in one transaction: all of it or nothing.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String MARKER_HANDLE = "demo-lead";
    static final long SEED = 20260901L;
    static final int INCIDENTS = 120;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @ConfigProperty(name = "oncall.demo.load", defaultValue = "false")
    boolean load;

    void onStart(@Observes @Priority(10_000) StartupEvent event) {
        if (load) {
            int loaded = load(clock.instant()).await().atMost(Duration.ofMinutes(2));
            LOG.infof(loaded == 0 ? "demo data already loaded" : "demo data loaded: %d incidents of the last quarter",
                    loaded);
        }
    }

    /** Loads the quarter that ends at {@code end}; returns how many incidents, 0 if it was there already. */
    public Uni<Integer> load(Instant end) {
        return pool.withTransaction(conn -> conn.preparedQuery("select count(*) from app_user where lower(handle) = $1")
                .execute(Tuple.of(MARKER_HANDLE)).flatMap(rows -> {
                    if (rows.iterator().next().getLong(0) > 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<UUID> people = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String name : DemoQuarter.PEOPLE) {
                        UUID id = UUID.randomUUID();
                        people.add(id);
                        String roles = name.equals("lead") ? "MANAGER,COMMANDER" : "RESPONDER,COMMANDER";
                        chain = chain.flatMap(v -> exec(conn, "insert into app_user (id, handle, display_name, email, "
                                        + "time_zone, roles, created_at) values ($1, $2, $3, $4, 'Etc/UTC', $5, $6)",
                                Tuple.of(id, "demo-" + name, capitalized(name) + " (demo)", "demo-" + name + "@example.org",
                                        roles, utc(end.minus(Duration.ofDays(120))))));
                    }
                    List<DemoQuarter.Incident> quarter = DemoQuarter.generate(end, SEED, INCIDENTS);
                    for (DemoQuarter.Incident incident : quarter) {
                        chain = chain.flatMap(v -> incident(conn, incident, people));
                    }
                    return chain.replaceWith(quarter.size());
                }));
    }

    private Uni<Void> incident(SqlConnection conn, DemoQuarter.Incident i, List<UUID> people) {
        UUID id = UUID.randomUUID();
        UUID declarer = people.get(i.declarer());
        UUID responder = people.get(i.responder());
        return conn.query("select nextval('incident_number_seq')").execute().flatMap(rows -> {
            long number = rows.iterator().next().getLong(0);
            Instant updated = last(i.closedAt(), i.resolvedAt(), i.mitigatedAt(), i.acknowledgedAt(), i.declaredAt());
            Uni<Void> chain = exec(conn, "insert into incident (id, number, title, summary, category, severity, "
                            + "peak_severity, region, status, restricted, commander_id, declared_by, declared_at, "
                            + "acknowledged_at, mitigated_at, resolved_at, closed_at, updated_at) values ($1, $2, $3, $4, "
                            + "$5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                    Tuple.from(new Object[] {id, number, i.title(), "Demo: " + i.title().toLowerCase() + ".",
                            i.category(), i.severity(), i.region(), i.status(), i.restricted(), responder, declarer,
                            utc(i.declaredAt()), utc(i.acknowledgedAt()), utc(i.mitigatedAt()), utc(i.resolvedAt()),
                            utc(i.closedAt()), utc(updated)}));
            chain = chain.flatMap(v -> timeline(conn, id, i.declaredAt(), "DECLARED", declarer,
                    "Declared " + i.severity() + " " + i.category() + " in " + i.region() + ": " + i.title()));
            if (i.ackTimeout() != null) {
                chain = chain.flatMap(v -> page(conn, id, i, responder,
                        i.escalatedTo() == null ? null : people.get(i.escalatedTo())));
            }
            if (i.mitigatedAt() != null) {
                chain = chain.flatMap(v -> timeline(conn, id, i.mitigatedAt(), "STATUS_CHANGED", responder,
                        "Status INVESTIGATING → MITIGATED"));
            }
            if (i.resolvedAt() != null) {
                chain = chain.flatMap(v -> timeline(conn, id, i.resolvedAt(), "STATUS_CHANGED", responder,
                        "Status MITIGATED → RESOLVED"));
            }
            if (i.postmortem() != null) {
                chain = chain.flatMap(v -> postmortem(conn, id, i, responder, people));
            }
            if (i.closedAt() != null) {
                chain = chain.flatMap(v -> timeline(conn, id, i.closedAt(), "STATUS_CHANGED", responder,
                        "Status RESOLVED → CLOSED"));
            }
            return chain;
        });
    }

    private Uni<Void> page(SqlConnection conn, UUID incidentId, DemoQuarter.Incident i, UUID responder, UUID escalatedTo) {
        UUID pageId = UUID.randomUUID();
        Instant ackAt = i.acknowledgedAt();
        UUID acker = escalatedTo != null ? escalatedTo : responder;
        Uni<Void> chain = exec(conn, "insert into page (id, incident_id, origin, target, rules, severity_timeout, status, "
                        + "level, round, step_due_at, triggered_at, acknowledged_by, acknowledged_at, ended_at, updated_at) "
                        + "values ($1, $2, 'AUTO', '{\"type\":\"POLICY\"}', '{\"levels\":[],\"repeat\":0}', $3, "
                        + "'ACKNOWLEDGED', $4, 0, $5, $6, $7, $8, $8, $8)",
                Tuple.from(new Object[] {pageId, incidentId, i.ackTimeout().toSeconds(), escalatedTo == null ? 0 : 1,
                        utc(escalatedTo == null ? i.declaredAt() : i.declaredAt().plus(i.ackTimeout())),
                        utc(i.declaredAt()), acker, utc(ackAt)}));
        chain = chain.flatMap(v -> notification(conn, pageId, incidentId, 0, responder, i.declaredAt()))
                .flatMap(v -> timeline(conn, incidentId, i.declaredAt(), "PAGE_TRIGGERED", null,
                        "Paged the " + i.region() + " primary — level 1"));
        if (escalatedTo != null) {
            Instant at = i.declaredAt().plus(i.ackTimeout());
            chain = chain.flatMap(v -> notification(conn, pageId, incidentId, 1, escalatedTo, at))
                    .flatMap(v -> timeline(conn, incidentId, at, "PAGE_ESCALATED", null,
                            "Escalated to the " + i.region() + " secondary — level 2"));
        }
        return chain.flatMap(v -> timeline(conn, incidentId, ackAt, "PAGE_ACKNOWLEDGED", acker,
                "Acknowledged via Slack (level " + (escalatedTo == null ? 1 : 2) + ")"));
    }

    private Uni<Void> notification(SqlConnection conn, UUID pageId, UUID incidentId, int level, UUID user, Instant at) {
        return exec(conn, "insert into page_notification (id, page_id, incident_id, level, round, user_id, channel, "
                        + "due_at, sent_at, status, delivered_at) values ($1, $2, $3, $4, 0, $5, 'SLACK', $6, $6, "
                        + "'DELIVERED', $6)",
                Tuple.from(new Object[] {UUID.randomUUID(), pageId, incidentId, level, user, utc(at)}));
    }

    private Uni<Void> postmortem(SqlConnection conn, UUID incidentId, DemoQuarter.Incident i, UUID author,
                                 List<UUID> people) {
        UUID id = UUID.randomUUID();
        DemoQuarter.Postmortem p = i.postmortem();
        Uni<Void> chain = exec(conn, "insert into postmortem (id, incident_id, status, summary, impact, root_cause, "
                        + "timeline, time_to_acknowledge_s, time_to_mitigate_s, time_to_resolve_s, created_by, created_at, "
                        + "updated_at, published_at) values ($1, $2, $3, $4, $5, $6, '[]', $7, $8, $9, $10, $11, $12, $13)",
                Tuple.from(new Object[] {id, incidentId, p.publishedAt() != null ? "PUBLISHED" : "DRAFT",
                        "Demo: " + i.title() + ".", "Demo impact of a " + i.severity() + " incident in " + i.region() + ".",
                        p.publishedAt() != null ? "Demo root cause." : null, seconds(i.declaredAt(), i.acknowledgedAt()),
                        seconds(i.declaredAt(), i.mitigatedAt()), seconds(i.declaredAt(), i.resolvedAt()), author,
                        utc(p.createdAt()), utc(last(p.publishedAt(), p.createdAt())), utc(p.publishedAt())}))
                .flatMap(v -> timeline(conn, incidentId, p.createdAt(), "POSTMORTEM_CREATED", author,
                        "Post-mortem started"));
        if (p.publishedAt() != null) {
            chain = chain.flatMap(v -> timeline(conn, incidentId, p.publishedAt(), "POSTMORTEM_PUBLISHED", author,
                    "Post-mortem published"));
        }
        for (DemoQuarter.ActionItem item : p.actionItems()) {
            chain = chain.flatMap(v -> exec(conn, "insert into action_item (id, postmortem_id, incident_id, title, "
                            + "owner_id, due_date, priority, status, created_at, updated_at, done_at) values ($1, $2, $3, "
                            + "$4, $5, $6, $7, $8, $9, $9, $10)",
                    Tuple.from(new Object[] {UUID.randomUUID(), id, incidentId, item.title(), people.get(item.owner()),
                            item.dueDate(), item.priority(), item.status(), utc(p.createdAt()),
                            item.status().equals("DONE") ? utc(p.createdAt().plus(Duration.ofDays(5))) : null})));
        }
        return chain;
    }

    private static Uni<Void> timeline(SqlConnection conn, UUID incidentId, Instant at, String type, UUID actor,
                                      String text) {
        return exec(conn, "insert into timeline_entry (id, incident_id, at, recorded_at, type, actor_id, actor_handle, "
                        + "actor_display_name, text) select $1, $2, $3, $3, $4, u.id, u.handle, u.display_name, $5 "
                        + "from (select $6::uuid as id) a left join app_user u on u.id = a.id",
                Tuple.from(new Object[] {UUID.randomUUID(), incidentId, utc(at), type, text, actor}));
    }

    private static Uni<Void> exec(SqlConnection conn, String sql, Tuple args) {
        return conn.preparedQuery(sql).execute(args).replaceWithVoid();
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }

    private static Instant last(Instant... instants) {
        Instant latest = null;
        for (Instant at : instants) {
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return latest;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
