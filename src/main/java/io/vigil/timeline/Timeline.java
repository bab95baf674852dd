package io.vigil.timeline;

import io.smallrye.mutiny.Uni;
import io.vigil.common.json.StoredJson;
import io.vigil.common.paging.Cursor;
import io.vigil.common.paging.PageRequest;
import io.vigil.common.paging.PageView;
import io.vigil.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Appends to and reads incident timelines. It does not check who may see an incident: callers
 * (the incident service) do, and call this inside their own session or transaction so that an
 * event and the change it describes commit together.
 */
@ApplicationScoped
public class Timeline {

    @Inject
    TimelineRepository repository;

    @Inject
    StoredJson json;

    @Inject
    Clock clock;

    /** Records something that happened now. */
    public Uni<TimelineEntry> append(UUID incidentId, TimelineType type, Caller actor, String text, Map<String, ?> data) {
        return append(incidentId, type, actor, text, data, null);
    }

    /** Records something that happened at {@code at} (now when null). */
    public Uni<TimelineEntry> append(UUID incidentId, TimelineType type, Caller actor, String text, Map<String, ?> data,
                                     Instant at) {
        Instant now = clock.instant();
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.incidentId = incidentId;
        // PostgreSQL keeps microseconds; cut here so the answer equals what a later read returns.
        entry.at = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
        entry.recordedAt = now;
        entry.type = type;
        if (actor != null) {
            entry.actorId = actor.id();
            entry.actorHandle = actor.handle();
            entry.actorDisplayName = actor.displayName();
        }
        entry.text = text;
        entry.dataJson = data == null || data.isEmpty() ? null : json.write(data);
        return repository.persist(entry);
    }

    /** Entry data from key/value pairs, nulls left out, in the order given. */
    public static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }

    public Uni<PageView<TimelineEntry>> page(UUID incidentId, PageRequest page) {
        return repository.page(incidentId, page).map(rows -> page.page(rows, e -> Cursor.of(e.at, e.seq)));
    }
}
