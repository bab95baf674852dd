package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling: the rows that one declaration and one note write, inserted straight into the same
 * PostgreSQL with the reactive PostgreSQL client the service itself uses (Vert.x {@code Pool}, the
 * same maximum size, the client defaults the service runs with: no client-side statement cache,
 * pipelining limit 256), each operation in one transaction. No HTTP, no JSON binding, no
 * authentication, no Hibernate, and none of the reads the service does before writing (category
 * lookup, incident visibility check): what is left is the database work the API cannot avoid.
 *
 * <p>Column values mirror what {@code IncidentService}, {@code Timeline} and {@code AuditLog}
 * write: the same statuses and types, texts and JSON documents of the same shape and size.
 */
final class DirectInserts implements AutoCloseable {

    private static final String NEXT_NUMBER = "select nextval('incident_number_seq')";
    private static final String INSERT_INCIDENT = """
            insert into incident (id, number, title, summary, category, severity, peak_severity, region, status,
                restricted, commander_id, declared_by, declared_at, acknowledged_at, mitigated_at, resolved_at,
                closed_at, cancelled_at, cancel_reason, updated_at, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)""";
    private static final String INSERT_TIMELINE = """
            insert into timeline_entry (id, incident_id, at, recorded_at, type, actor_id, actor_handle,
                actor_display_name, text, data_json)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
    private static final String INSERT_AUDIT = """
            insert into audit_entry (id, at, actor_id, actor_handle, actor_display_name, action, entity_type,
                entity_id, before_json, after_json)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";

    /** Microsecond ticks, as the service's clock (PostgreSQL keeps microseconds). */
    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private final Vertx vertx;
    private final Pool pool;
    private final Actor actor;

    /** Who the rows say did it: the benchmark's RESPONDER. */
    record Actor(UUID id, String handle, String displayName) {
    }

    DirectInserts(int port, int maxPoolSize, Actor actor) {
        this.vertx = Vertx.vertx();
        PgConnectOptions connect = new PgConnectOptions()
                .setHost("localhost").setPort(port).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres")
                .setCachePreparedStatements(false) // quarkus.datasource.reactive.cache-prepared-statements default
                .setPipeliningLimit(256);           // quarkus.datasource.reactive.postgresql.pipelining-limit default
        this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(maxPoolSize)).connectingTo(connect)
                .using(vertx).build();
        this.actor = actor;
    }

    /** What one {@code POST /incidents} writes: a number, the incident, its DECLARED entry, its audit entry. */
    CompletionStage<UUID> declare(int i) {
        return pool.withTransaction(conn -> conn.preparedQuery(NEXT_NUMBER).execute().compose(rows -> {
            long number = rows.iterator().next().getLong(0);
            Instant now = CLOCK.instant();
            UUID id = UUID.randomUUID();
            String title = BenchData.title(i);
            String summary = BenchData.SUMMARY;
            Tuple incident = Tuple.tuple()
                    .addValue(id).addValue(number).addValue(title).addValue(summary)
                    .addValue(BenchData.CATEGORY).addValue(BenchData.SEVERITY).addValue(BenchData.SEVERITY)
                    .addValue(BenchData.REGION)
                    .addValue("DECLARED").addValue(false)
                    .addValue(null).addValue(actor.id()).addValue(ts(now))
                    .addValue(null).addValue(null).addValue(null).addValue(null).addValue(null).addValue(null)
                    .addValue(ts(now)).addValue(0);
            String text = "Declared " + BenchData.SEVERITY + " " + BenchData.CATEGORY + " in " + BenchData.REGION
                    + ": " + title;
            String data = "{\"severity\":\"" + BenchData.SEVERITY + "\",\"category\":\"" + BenchData.CATEGORY
                    + "\",\"region\":\"" + BenchData.REGION + "\",\"restricted\":false}";
            Tuple entry = timelineRow(UUID.randomUUID(), id, now, "DECLARED", text, data);
            String after = "{\"id\":\"" + id + "\",\"number\":" + number + ",\"title\":\"" + title
                    + "\",\"summary\":\"" + summary + "\",\"category\":\"" + BenchData.CATEGORY
                    + "\",\"severity\":\"" + BenchData.SEVERITY + "\",\"peakSeverity\":\"" + BenchData.SEVERITY
                    + "\",\"region\":\"" + BenchData.REGION
                    + "\",\"status\":\"DECLARED\",\"restricted\":false,\"commanderId\":null,\"declaredBy\":\""
                    + actor.id() + "\",\"declaredAt\":\"" + now + "\",\"acknowledgedAt\":null,\"mitigatedAt\":null,"
                    + "\"resolvedAt\":null,\"closedAt\":null,\"cancelledAt\":null,\"cancelReason\":null,"
                    + "\"updatedAt\":\"" + now + "\",\"version\":0}";
            Tuple audit = auditRow(now, "incident.declared", id, after);
            return conn.preparedQuery(INSERT_INCIDENT).execute(incident)
                    .compose(r -> conn.preparedQuery(INSERT_TIMELINE).execute(entry))
                    .compose(r -> conn.preparedQuery(INSERT_AUDIT).execute(audit))
                    .map(r -> id);
        })).toCompletionStage();
    }

    /** What one {@code POST /incidents/{id}/timeline} writes: the NOTE entry and its audit entry. */
    CompletionStage<UUID> note(UUID incidentId, int i) {
        Instant now = CLOCK.instant();
        UUID entryId = UUID.randomUUID();
        String text = BenchData.noteText(i);
        Tuple entry = timelineRow(entryId, incidentId, now, "NOTE", text, null);
        String after = "{\"id\":\"" + entryId + "\",\"seq\":null,\"incidentId\":\"" + incidentId + "\",\"at\":\""
                + now + "\",\"recordedAt\":\"" + now + "\",\"type\":\"NOTE\",\"actorId\":\"" + actor.id()
                + "\",\"actorHandle\":\"" + actor.handle() + "\",\"actorDisplayName\":\"" + actor.displayName()
                + "\",\"text\":\"" + text + "\",\"dataJson\":null}";
        Tuple audit = auditRow(now, "incident.note_added", incidentId, after);
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT_TIMELINE).execute(entry)
                .compose(r -> conn.preparedQuery(INSERT_AUDIT).execute(audit))
                .map(r -> entryId)).toCompletionStage();
    }

    /**
     * Guards the ceiling against schema drift: fails when incident, timeline_entry or audit_entry has
     * a required column (not null, no default, not generated) that the inserts above leave out, so
     * that the ceiling keeps writing what the service writes as migrations change the tables.
     *
     * @return the optional columns the ceiling leaves to their default, for the report
     */
    List<String> checkSchema() throws Exception {
        Map<String, Set<String>> written = new LinkedHashMap<>();
        for (String insert : List.of(INSERT_INCIDENT, INSERT_TIMELINE, INSERT_AUDIT)) {
            Matcher m = Pattern.compile("insert into (\\w+) \\(([^)]*)\\)").matcher(insert);
            if (!m.find()) {
                throw new IllegalStateException("unparsable insert: " + insert);
            }
            written.put(m.group(1), Set.of(m.group(2).trim().split("\\s*,\\s*")));
        }
        RowSet<Row> columns = await(pool.preparedQuery("""
                select table_name::text, column_name::text,
                       case when is_identity = 'YES' or is_generated <> 'NEVER' then 'generated'
                            when is_nullable = 'NO' and column_default is null then 'required'
                            else 'optional' end
                  from information_schema.columns
                 where table_schema = current_schema() and table_name::text = any($1::text[])
                 order by table_name, ordinal_position""").execute(Tuple.of(written.keySet().toArray(String[]::new))));
        List<String> required = new ArrayList<>();
        List<String> leftToDefault = new ArrayList<>();
        for (Row c : columns) {
            String column = c.getString(0) + "." + c.getString(1);
            if (!written.get(c.getString(0)).contains(c.getString(1))) {
                switch (c.getString(2)) {
                    case "required" -> required.add(column);
                    case "optional" -> leftToDefault.add(column);
                    default -> { } // identity (seq): the database fills it on both sides
                }
            }
        }
        if (!required.isEmpty()) {
            throw new IllegalStateException("the schema has required columns the ceiling does not write: " + required
                    + "; update DirectInserts so that it writes the rows the service writes");
        }
        return leftToDefault;
    }

    /** Row counts of incident, timeline_entry and audit_entry: proves both sides write the same rows. */
    long[] rowCounts() throws Exception {
        Row row = await(pool.query("select (select count(*) from incident), (select count(*) from timeline_entry),"
                + " (select count(*) from audit_entry)").execute().map(rows -> rows.iterator().next()));
        return new long[] {row.getLong(0), row.getLong(1), row.getLong(2)};
    }

    /** Flushes dirty pages now, so that a checkpoint does not land in the middle of one phase only. */
    void checkpoint() throws Exception {
        await(pool.query("checkpoint").execute());
    }

    String sql(String query) throws Exception {
        return await(pool.query(query).execute().map(rows -> String.valueOf(rows.iterator().next().getValue(0))));
    }

    private Tuple timelineRow(UUID id, UUID incidentId, Instant now, String type, String text, String data) {
        return Tuple.tuple().addValue(id).addValue(incidentId).addValue(ts(now)).addValue(ts(now)).addValue(type)
                .addValue(actor.id()).addValue(actor.handle()).addValue(actor.displayName()).addValue(text)
                .addValue(data);
    }

    private Tuple auditRow(Instant now, String action, UUID incidentId, String after) {
        return Tuple.tuple().addValue(UUID.randomUUID()).addValue(ts(now)).addValue(actor.id())
                .addValue(actor.handle()).addValue(actor.displayName()).addValue(action).addValue("incident")
                .addValue(incidentId.toString()).addValue(null).addValue(after);
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(pool.close());
        } finally {
            await(vertx.close());
        }
    }
}
