package io.vigil.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a webhook receiver got from a paging run, checked against what the ladder says must happen:
 * for every page, each level's user notified under exactly one event id (the notification's id;
 * repeated deliveries of that id are duplicates, a second id for the same notification is a
 * failure), nothing else notified, and one {@code page.exhausted} event. Shared by
 * {@link PagingCrashIT} and {@code io.vigil.bench.PagingBenchmark}.
 */
public final class PagingEvents {

    /** One delivery of a {@code page.triggered} or {@code page.escalated} event. */
    public record Notified(String eventId, String type, UUID incidentId, UUID pageId, UUID notificationId, int level,
                           int round, UUID userId, Instant dueAt, Instant sentAt, Instant receivedAt,
                           boolean signatureValid) {

        /** The engine's lateness: when it fired the step minus when the step was due. */
        public Duration fired() {
            return Duration.between(dueAt, sentAt);
        }

        /** Receipt at the receiver minus when the step was due. */
        public Duration received() {
            return Duration.between(dueAt, receivedAt);
        }
    }

    /** One delivery of a {@code page.exhausted} event. */
    public record Exhausted(String eventId, UUID incidentId, UUID pageId, Instant at, Instant receivedAt) {
    }

    /** A (page, level, user) notification and every distinct event id it arrived under. */
    public record Key(UUID pageId, int level, UUID userId) {
    }

    private final List<Notified> notified = new ArrayList<>();
    private final List<Exhausted> exhausted = new ArrayList<>();
    private final List<WebhookReceiver.Received> all;

    private PagingEvents(List<WebhookReceiver.Received> received) {
        this.all = received;
        for (WebhookReceiver.Received r : received) {
            JsonNode body = r.body();
            if (r.type().equals("page.triggered") || r.type().equals("page.escalated")) {
                JsonNode n = body.path("notification");
                notified.add(new Notified(r.eventId(), r.type(), uuid(body.path("incident").path("id")),
                        uuid(body.path("page").path("id")), uuid(n.path("id")), n.path("level").asInt(-1),
                        n.path("round").asInt(-1), uuid(n.path("user").path("id")),
                        PagingCluster.instant(n.path("dueAt")).orElse(null),
                        PagingCluster.instant(n.path("sentAt")).orElse(null), r.at(), r.signatureValid()));
            } else if (r.type().equals("page.exhausted")) {
                exhausted.add(new Exhausted(r.eventId(), uuid(body.path("incident").path("id")),
                        uuid(body.path("page").path("id")), PagingCluster.instant(body.path("at")).orElse(null),
                        r.at()));
            }
        }
    }

    public static PagingEvents of(List<WebhookReceiver.Received> received) {
        return new PagingEvents(received);
    }

    public List<Notified> notified() {
        return notified;
    }

    public List<Exhausted> exhausted() {
        return exhausted;
    }

    /** Every delivery, one per distinct event id (the first received). */
    public List<Notified> distinctNotified() {
        Map<String, Notified> first = new LinkedHashMap<>();
        for (Notified n : notified) {
            first.putIfAbsent(n.eventId(), n);
        }
        return new ArrayList<>(first.values());
    }

    /** The result of {@link #check}. {@code problems} is empty when everything holds. */
    public record Check(int pages, int expectedNotifications, int distinctNotifications, int notificationDeliveries,
                        int duplicateDeliveries, int exhaustedPages, int exhaustedDeliveries, int allDeliveries,
                        int allDuplicateDeliveries, int invalidSignatures, List<String> problems) {

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "pages %d; notifications expected %d, received distinct %d (%d deliveries, %d duplicate); "
                            + "page.exhausted for %d pages (%d deliveries); all events: %d deliveries, %d duplicate; "
                            + "invalid signatures %d; problems %d",
                    pages, expectedNotifications, distinctNotifications, notificationDeliveries, duplicateDeliveries,
                    exhaustedPages, exhaustedDeliveries, allDeliveries, allDuplicateDeliveries, invalidSignatures,
                    problems.size());
        }
    }

    /**
     * Checks the events of {@code pages} (page id by incident id) against a ladder of one user per
     * level ({@code levelUsers}, level 1 first) run once, with nobody acknowledging.
     */
    public Check check(Map<UUID, UUID> pages, List<UUID> levelUsers) {
        List<String> problems = new ArrayList<>();
        Set<UUID> pageIds = new HashSet<>(pages.values());
        Map<Key, Set<String>> idsByKey = new HashMap<>();
        int deliveries = 0;
        for (Notified n : notified) {
            if (!pageIds.contains(n.pageId())) {
                continue;
            }
            deliveries++;
            if (!n.eventId().equals(String.valueOf(n.notificationId()))) {
                problems.add("event " + n.eventId() + " carries notification " + n.notificationId());
            }
            if (n.round() != 1) {
                problems.add("page " + n.pageId() + " notified in round " + n.round() + " (repeat is 0)");
            }
            String expectedType = n.level() == 1 ? "page.triggered" : "page.escalated";
            if (!n.type().equals(expectedType)) {
                problems.add("page " + n.pageId() + " level " + n.level() + " came as " + n.type());
            }
            if (!n.pageId().equals(pages.get(n.incidentId()))) {
                problems.add("event " + n.eventId() + " names incident " + n.incidentId() + " for page " + n.pageId());
            }
            idsByKey.computeIfAbsent(new Key(n.pageId(), n.level(), n.userId()), k -> new HashSet<>()).add(n.eventId());
        }
        int distinct = 0;
        Set<Key> expected = new HashSet<>();
        for (UUID page : pageIds) {
            for (int level = 1; level <= levelUsers.size(); level++) {
                expected.add(new Key(page, level, levelUsers.get(level - 1)));
            }
        }
        for (Key key : expected) {
            Set<String> ids = idsByKey.getOrDefault(key, Set.of());
            if (ids.isEmpty()) {
                problems.add("MISSING: page " + key.pageId() + " level " + key.level() + " user " + key.userId());
            } else if (ids.size() > 1) {
                problems.add("NOTIFIED TWICE under different ids: page " + key.pageId() + " level " + key.level()
                        + " user " + key.userId() + ": " + ids);
            }
        }
        for (Map.Entry<Key, Set<String>> e : idsByKey.entrySet()) {
            distinct += e.getValue().size();
            if (!expected.contains(e.getKey())) {
                problems.add("UNEXPECTED notification: " + e.getKey() + " " + e.getValue());
            }
        }
        Map<UUID, Set<String>> exhaustedIds = new HashMap<>();
        int exhaustedDeliveries = 0;
        for (Exhausted x : exhausted) {
            if (pageIds.contains(x.pageId())) {
                exhaustedDeliveries++;
                exhaustedIds.computeIfAbsent(x.pageId(), k -> new HashSet<>()).add(x.eventId());
            }
        }
        for (UUID page : pageIds) {
            Set<String> ids = exhaustedIds.getOrDefault(page, Set.of());
            if (ids.isEmpty()) {
                problems.add("no page.exhausted event for page " + page);
            } else if (ids.size() > 1) {
                problems.add("page.exhausted under " + ids.size() + " different ids for page " + page + ": " + ids);
            }
        }
        Set<String> allIds = new HashSet<>();
        int invalid = 0;
        for (WebhookReceiver.Received r : all) {
            allIds.add(r.eventId());
            if (!r.signatureValid()) {
                invalid++;
            }
        }
        if (invalid > 0) {
            problems.add(invalid + " deliveries had an invalid signature");
        }
        return new Check(pageIds.size(), expected.size(), distinct, deliveries, deliveries - distinct,
                exhaustedIds.size(), exhaustedDeliveries, all.size(), all.size() - allIds.size(), invalid,
                problems);
    }

    /** Percentile (nearest rank) of {@code values} in milliseconds; NaN when empty. */
    public static double percentileMillis(Collection<Duration> values, double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> micros = values.stream().map(d -> d.toNanos() / 1000).sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * micros.size());
        return micros.get(Math.max(0, Math.min(micros.size() - 1, rank - 1))) / 1000.0;
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node != null && node.isTextual() ? UUID.fromString(node.asText()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
