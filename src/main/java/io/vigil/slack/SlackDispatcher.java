package io.vigil.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.common.persistence.DatabaseOutage;
import io.vigil.incident.Incident;
import io.vigil.notification.DeliveryOutcomes;
import io.vigil.notification.DeliveryOutcomes.Trouble;
import io.vigil.notification.OutboxPump;
import io.vigil.notification.OutboxWakeups;
import io.vigil.notification.RetryPolicy;
import io.vigil.paging.Page;
import io.vigil.paging.PageNotification;
import io.vigil.slack.SlackOutbox.Kind;
import io.vigil.slack.SlackWebApi.Answer;
import io.vigil.timeline.Timeline;
import io.vigil.timeline.TimelineType;
import io.vigil.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Does the stored Slack work ({@link SlackOutbox}). Every instance runs one; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, and a row is claimable only when no earlier row of its
 * {@code order_key} is still pending — so a channel is created before anything is posted in it, posts
 * keep their order, and one person's DMs arrive in order, across the whole cluster.
 *
 * <p>Sending twice is avoided, not just tolerated: every post carries metadata naming its row, and a
 * post whose previous attempt got no answer (a timeout, a crash mid-call) first looks in the
 * conversation's history for that metadata before posting again. A 429 pauses this instance's calls for
 * the {@code Retry-After} Slack asked for; 5xx and timeouts retry with doubling waits. Escalation never
 * waits for any of this.
 */
@ApplicationScoped
public class SlackDispatcher {

    private static final Logger LOG = Logger.getLogger(SlackDispatcher.class);

    @Inject
    SlackSettings settings;

    @Inject
    SlackWebApi api;

    @Inject
    SlackFacts facts;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    Timeline timeline;

    @Inject
    OutboxWakeups wakeups;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "oncall.delivery.delayed-after", defaultValue = "PT2M")
    Duration delayedAfter;

    private RetryPolicy retry;
    private ExecutorService workers;
    private OutboxPump pump;
    private final AtomicInteger working = new AtomicInteger();
    private volatile Instant pausedUntil = Instant.MIN;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("Slack delivery is off: no oncall.slack.bot-token");
            return;
        }
        retry = new RetryPolicy(settings.retryFirst(), settings.retryCap(), delayedAfter, settings.giveUpAfter());
        // one more thread than calls in flight: the pump's pass runs there too
        workers = Executors.newFixedThreadPool(settings.workers() + 1, OutboxPump.threads("vigil-slack"));
        pump = new OutboxPump("slack dispatch", workers, settings.pollInterval(), settings.workers(),
                this::claimAndDispatch);
        metrics.gauge("vigil.slack.in_flight", working);
        wakeups.listen(SlackOutbox.WAKE_UP_CHANNEL, pump::wake);
        pump.wake();
    }

    void stop(@Observes ShutdownEvent event) {
        if (pump != null) {
            pump.stop(settings.timeout().plusSeconds(1));
        }
    }

    /** Whether this instance has nothing claimed or under way (tests wait on it). */
    public boolean idle() {
        return pump == null || (!pump.passing() && working.get() == 0);
    }

    public void wake() {
        if (pump != null) {
            pump.wake();
        }
    }

    private int claimAndDispatch(int limit) {
        if (clock.instant().isBefore(pausedUntil)) {
            return 0; // Slack asked us to wait (429); the poll looks again
        }
        List<Claimed> batch = claim(limit);
        for (Claimed row : batch) {
            working.incrementAndGet();
            workers.execute(() -> process(row));
        }
        return batch.size();
    }

    private List<Claimed> claim(int limit) {
        Instant now = clock.instant();
        List<Claimed> claimed = new ArrayList<>();
        pool.preparedQuery("""
                update slack_outbox o set lease_until = $1, attempts = o.attempts + 1,
                    in_doubt = (o.status = 'PENDING' and o.kind in ('PAGE_DM', 'PAGE_CHANNEL', 'CHANNEL_POST'))
                from (select c.seq, c.in_doubt as was_in_doubt from slack_outbox c
                      where ((c.status = 'PENDING' and not exists (select 1 from slack_outbox e
                                 where e.order_key = c.order_key and e.status = 'PENDING' and e.seq < c.seq))
                          or (c.status = 'SENT' and c.update_seq > c.rendered_seq))
                        and c.next_attempt_at <= $2 and (c.lease_until is null or c.lease_until <= $2)
                      order by c.seq limit $3 for update skip locked) picked
                where o.seq = picked.seq
                returning o.seq, o.id, o.kind, o.incident_id, o.page_id, o.notification_id, o.level, o.round,
                    o.slack_user_id, o.body, o.status, o.attempts, o.created_at, o.channel_id, o.ts, o.update_seq,
                    o.failure_reported, o.delay_reported, picked.was_in_doubt""")
                .execute(Tuple.of(utc(now.plus(settings.timeout()).plusSeconds(30)), utc(now), limit))
                .await().atMost(Duration.ofSeconds(30))
                .forEach(row -> claimed.add(Claimed.of(row)));
        return claimed;
    }

    private void process(Claimed row) {
        try {
            switch (row.kind()) {
                case PAGE_DM, PAGE_CHANNEL -> page(row);
                case CHANNEL_POST -> channelPost(row);
                case CREATE_CHANNEL -> createChannel(row);
                case INVITE -> invite(row);
            }
        } catch (RuntimeException e) {
            DatabaseOutage.log(LOG, Logger.Level.WARN, e,
                    "Slack work %s (%s) failed; its lease expires and it is retried", row.id(), row.kind());
        } finally {
            working.decrementAndGet();
            pump.done();
        }
    }

    // ---- the kinds of work ----

    private void page(Claimed row) {
        PageMessage message = read(() -> pageMessage(row));
        if (message == null) {
            finish(row, "CANCELLED", null, null, "the page or its incident channel is gone");
            return;
        }
        if (row.status().equals("SENT")) {
            Answer answer = api.update(row.channelId(), row.ts(), message.rendered());
            count("update", answer);
            if (answer.ok()) {
                write(session -> session.createNativeQuery("update slack_outbox set rendered_seq = greatest(rendered_seq, "
                                + ":seq), lease_until = null, attempts = 0, last_error = null where seq = :row")
                        .setParameter("seq", row.updateSeq()).setParameter("row", row.seq()).executeUpdate()
                        .replaceWithVoid());
            } else {
                failed(row, answer);
            }
            return;
        }
        post(row, message.target(), message.rendered());
    }

    private void channelPost(Claimed row) {
        Optional<String> channel = read(() -> incidentChannel(row.incidentId()));
        if (channel.isEmpty()) {
            finish(row, "CANCELLED", null, null, "the incident has no Slack channel");
            return;
        }
        SlackMessages.Rendered message;
        try {
            message = mapper.readValue(row.body(), SlackMessages.Rendered.class);
        } catch (JsonProcessingException e) {
            finish(row, "FAILED", null, null, "unreadable stored message");
            return;
        }
        post(row, channel.get(), message);
    }

    private void invite(Claimed row) {
        Optional<String> channel = read(() -> incidentChannel(row.incidentId()));
        if (channel.isEmpty()) {
            finish(row, "CANCELLED", null, null, "the incident has no Slack channel");
            return;
        }
        Answer answer = api.invite(channel.get(), row.slackUserId());
        count("invite", answer);
        if (answer.ok() || SlackErrors.alreadyInvited(answer.httpStatus(), answer.error())) {
            finish(row, "SENT", channel.get(), null, null);
        } else {
            failed(row, answer);
        }
    }

    /** Creates the channel, trying {@code name-2}, {@code name-3} … when a name is taken. */
    private void createChannel(Claimed row) {
        ChannelRow channel = read(() -> channelRow(row.incidentId()));
        if (channel == null || !channel.status().equals("PENDING")) {
            finish(row, "CANCELLED", null, null, "no channel to create");
            return;
        }
        Answer answer = null;
        String name = channel.name();
        for (int attempt = 1; attempt <= 10; attempt++) {
            name = ChannelName.attempt(channel.name(), attempt);
            answer = api.createChannel(name, channel.isPrivate());
            count("create_channel", answer);
            if (!"name_taken".equals(answer.error())) {
                break;
            }
        }
        if (answer.ok()) {
            String created = name;
            String id = answer.channel();
            write(session -> session.createNativeQuery("update slack_incident_channel set status = 'CREATED', "
                            + "channel_id = :id, name = :name where incident_id = :incident")
                    .setParameter("id", id).setParameter("name", created).setParameter("incident", row.incidentId())
                    .executeUpdate()
                    .flatMap(n -> session.createNativeQuery("update slack_outbox set status = 'SENT', sent_at = :now, "
                                    + "channel_id = :id, lease_until = null, last_error = null where seq = :row")
                            .setParameter("now", utc(clock.instant())).setParameter("id", id)
                            .setParameter("row", row.seq()).executeUpdate())
                    .replaceWithVoid());
            LOG.infof("created Slack channel #%s (%s) for incident %s", created, id, row.incidentId());
        } else {
            failed(row, answer);
        }
    }

    /** Posts once: after an attempt that got no answer, looks for the earlier post before posting again. */
    private void post(Claimed row, String target, SlackMessages.Rendered message) {
        if (row.wasInDoubt()) {
            try {
                String conversation = target;
                if (row.kind() == Kind.PAGE_DM) {
                    Answer dm = api.openDm(target);
                    if (!dm.ok()) {
                        failed(row, dm);
                        return;
                    }
                    conversation = dm.channel();
                }
                Optional<Answer> earlier = api.findPosted(conversation, row.id().toString());
                if (earlier.isPresent()) {
                    LOG.infof("Slack work %s was posted before its answer was lost; not posting it again", row.id());
                    sent(row, earlier.get());
                    return;
                }
            } catch (IOException e) {
                failed(row, Answer.noAnswer("cannot check for an earlier post: " + e.getMessage()));
                return;
            }
        }
        Answer answer = api.postMessage(target, message, row.id().toString());
        count("post", answer);
        if (answer.ok()) {
            sent(row, answer);
        } else {
            failed(row, answer);
        }
    }

    // ---- recording outcomes ----

    /** A post arrived: the row (and its page notification, if any) change in one transaction. */
    private void sent(Claimed row, Answer answer) {
        Instant now = clock.instant();
        write(session -> session.createNativeQuery("update slack_outbox set status = 'SENT', sent_at = :now, "
                                + "channel_id = :channel, ts = :ts, rendered_seq = :seq, lease_until = null, in_doubt = false, "
                                + "last_error = null where seq = :row and status = 'PENDING'")
                        .setParameter("now", utc(now)).setParameter("channel", answer.channel())
                        .setParameter("ts", answer.ts()).setParameter("seq", row.updateSeq())
                        .setParameter("row", row.seq()).executeUpdate()
                        .flatMap(n -> n == 0 || row.notificationId() == null ? Uni.createFrom().voidItem()
                                : outcomes.delivered(row.notificationId(), now)));
    }

    private void finish(Claimed row, String status, String channel, String ts, String why) {
        write(session -> session.createNativeQuery("update slack_outbox set status = :status, lease_until = null, "
                        + "in_doubt = false, channel_id = coalesce(:channel, channel_id), ts = coalesce(:ts, ts), "
                        + "sent_at = case when :status = 'SENT' then :now else sent_at end, last_error = :why "
                        + "where seq = :row")
                .setParameter("status", status).setParameter("channel", channel).setParameter("ts", ts)
                .setParameter("now", utc(clock.instant())).setParameter("why", why).setParameter("row", row.seq())
                .executeUpdate().replaceWithVoid());
    }

    /**
     * A failed call: the retry time (Slack's Retry-After, else the doubling backoff), what the timeline
     * must say about a page notification, and giving up, all in one transaction.
     */
    private void failed(Claimed row, Answer answer) {
        Instant now = clock.instant();
        boolean update = row.status().equals("SENT");
        boolean giveUp = SlackErrors.permanent(answer.httpStatus(), answer.error()) || retry.givesUp(row.createdAt(), now);
        Duration wait = answer.retryAfter() != null ? answer.retryAfter() : retry.delayAfter(row.attempts());
        if (answer.httpStatus() == 429) {
            Instant until = now.plus(wait);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
        boolean delayed = !update && !row.delayReported() && retry.isDelayed(row.createdAt(), now);
        boolean first = !update && !row.failureReported();
        Trouble trouble = update ? null : giveUp ? Trouble.GAVE_UP : delayed ? Trouble.DELAYED
                : first ? Trouble.FAILING : null;
        String error = answer.describe();
        error = error.length() > 500 ? error.substring(0, 500) : error;
        LOG.warnf("Slack %s %s (incident %s) failed on attempt %d: %s%s", row.kind(), row.id(), row.incidentId(),
                row.attempts(), error, giveUp ? "; giving up" : "; next attempt in " + wait.toMillis() + " ms");
        String detail = error;
        String status = giveUp && !update ? "FAILED" : row.status();
        write(session -> session.createNativeQuery("update slack_outbox set status = :status, next_attempt_at = :next, "
                                + "lease_until = null, last_error = :error, in_doubt = :doubt, failure_reported = true, "
                                + "delay_reported = delay_reported or :delayed, "
                                + "rendered_seq = case when :stop then update_seq else rendered_seq end where seq = :row")
                        .setParameter("status", status).setParameter("next", utc(now.plus(wait)))
                        .setParameter("error", detail).setParameter("doubt", !update && answer.unknownOutcome())
                        .setParameter("delayed", delayed).setParameter("stop", update && giveUp)
                        .setParameter("row", row.seq()).executeUpdate()
                        .flatMap(n -> afterFailure(row, giveUp, trouble, detail, now)));
    }

    private Uni<Void> afterFailure(Claimed row, boolean giveUp, Trouble trouble, String detail, Instant now) {
        Uni<Void> reported = row.notificationId() == null || trouble == null ? Uni.createFrom().voidItem()
                : outcomes.trouble(row.notificationId(), SlackChannel.NAME, trouble, "Slack: " + detail, now);
        if (!giveUp || row.kind() != Kind.CREATE_CHANNEL) {
            return reported;
        }
        // No channel after all: what waits for it is cancelled (DMs go on), and the timeline says so.
        return reported.flatMap(v -> Panache.getSession()).flatMap(session -> session.createNativeQuery(
                                "update slack_incident_channel set status = 'FAILED' where incident_id = :i")
                        .setParameter("i", row.incidentId()).executeUpdate()
                        .flatMap(n -> session.createNativeQuery("update slack_outbox set status = 'CANCELLED', "
                                        + "last_error = 'no incident channel' where order_key = :key and status = 'PENDING'")
                                .setParameter("key", SlackOutbox.channelKey(row.incidentId())).executeUpdate()))
                .flatMap(n -> timeline.append(row.incidentId(), TimelineType.DELIVERY_FAILED, null,
                        "The incident's Slack channel could not be created: " + detail
                                + ". Direct messages are not affected.",
                        Timeline.data("channel", SlackChannel.NAME, "reason", "SLACK_CHANNEL_FAILED",
                                "detail", detail)))
                .replaceWithVoid();
    }

    // ---- reading what to send ----

    private record PageMessage(String target, SlackMessages.Rendered rendered) {
    }

    /** The page's message as it should read now, and where it goes; null when there is nowhere to post it. */
    private Uni<PageMessage> pageMessage(Claimed row) {
        return Page.<Page>findById(row.pageId()).flatMap(page -> Incident.<Incident>findById(row.incidentId())
                .flatMap(incident -> PageNotification.<PageNotification>list(
                                "pageId = ?1 and level = ?2 and round = ?3 order by sentAt, userId", row.pageId(),
                                row.level(), row.round())
                        .flatMap(step -> {
                            List<UUID> ids = new ArrayList<>(step.stream().map(n -> n.userId).distinct().toList());
                            if (page.acknowledgedBy != null) {
                                ids.add(page.acknowledgedBy);
                            }
                            return User.<User>list("id in ?1", ids).flatMap(users -> {
                                Map<UUID, User> byId = users.stream().collect(Collectors.toMap(u -> u.id, u -> u));
                                List<String> paged = step.stream().map(n -> n.userId).distinct()
                                        .map(byId::get).filter(u -> u != null).map(SlackFacts::mention).toList();
                                Uni<User> commander = incident.commanderId == null ? Uni.createFrom().nullItem()
                                        : User.findById(incident.commanderId);
                                return commander.flatMap(c -> {
                                    SlackMessages.PageFacts pageFacts = new SlackMessages.PageFacts(page.id,
                                            facts.facts(incident, SlackFacts.mention(c)), page.status.name(),
                                            row.level() + 1, paged, SlackFacts.mention(byId.get(page.acknowledgedBy)),
                                            page.acknowledgedAt, page.message);
                                    SlackMessages.Rendered rendered = SlackMessages.page(pageFacts);
                                    if (row.kind() == Kind.PAGE_DM) {
                                        return Uni.createFrom().item(new PageMessage(row.slackUserId(), rendered));
                                    }
                                    return incidentChannel(incident.id).map(channel -> channel
                                            .map(id -> new PageMessage(id, rendered)).orElse(null));
                                });
                            });
                        })));
    }

    private record ChannelRow(String name, boolean isPrivate, String status) {
    }

    private Uni<ChannelRow> channelRow(UUID incidentId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select name, private, status from slack_incident_channel where incident_id = :i", Object[].class)
                .setParameter("i", incidentId).getResultList()
                .map(rows -> rows.isEmpty() ? null : new ChannelRow((String) rows.get(0)[0],
                        (Boolean) rows.get(0)[1], (String) rows.get(0)[2])));
    }

    private Uni<Optional<String>> incidentChannel(UUID incidentId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select channel_id from slack_incident_channel where incident_id = :i and status = 'CREATED'",
                        String.class)
                .setParameter("i", incidentId).getResultList()
                .map(rows -> rows.isEmpty() ? Optional.<String>empty() : Optional.ofNullable(rows.get(0))));
    }

    // ---- plumbing ----

    private <T> T read(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work::get));
        } catch (Throwable e) {
            throw new IllegalStateException("reading Slack work failed", e);
        }
    }

    private void write(Function<org.hibernate.reactive.mutiny.Mutiny.Session, Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> Panache.getSession().flatMap(work::apply)));
        } catch (Throwable e) {
            throw new IllegalStateException("recording Slack work failed", e);
        }
    }

    private void count(String call, Answer answer) {
        metrics.counter("vigil.slack.calls", "call", call, "outcome", answer.ok() ? "ok"
                : answer.httpStatus() == 429 ? "rate_limited" : answer.unknownOutcome() ? "no_answer" : "error")
                .increment();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A claimed row with what doing it needs. */
    private record Claimed(long seq, UUID id, Kind kind, UUID incidentId, UUID pageId, UUID notificationId,
                           Integer level, Integer round, String slackUserId, String body, String status, int attempts,
                           Instant createdAt, String channelId, String ts, int updateSeq, boolean failureReported,
                           boolean delayReported, boolean wasInDoubt) {
        static Claimed of(Row row) {
            return new Claimed(row.getLong("seq"), row.getUUID("id"), Kind.valueOf(row.getString("kind")),
                    row.getUUID("incident_id"), row.getUUID("page_id"), row.getUUID("notification_id"),
                    row.getInteger("level"), row.getInteger("round"), row.getString("slack_user_id"),
                    row.getString("body"), row.getString("status"), row.getInteger("attempts"),
                    row.getOffsetDateTime("created_at").toInstant(), row.getString("channel_id"), row.getString("ts"),
                    row.getInteger("update_seq"), row.getBoolean("failure_reported"),
                    row.getBoolean("delay_reported"), row.getBoolean("was_in_doubt"));
        }
    }
}
