package io.vigil.slack;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vigil.common.persistence.DatabaseOutage;
import io.vigil.common.problem.DomainException;
import io.vigil.common.security.Caller;
import io.vigil.incident.Category;
import io.vigil.incident.DeclareIncident;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentService;
import io.vigil.oncall.OnCallBoard;
import io.vigil.oncall.OnCallService;
import io.vigil.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Slash commands: {@code /incident declare|status|sev|note|help} and {@code /oncall}. They act as the
 * linked Vigil user, with that user's rights, through the same services as REST, so the same rules and
 * the same timeline entries apply. Replies are private to the person who typed the command (the
 * incident channel hears about changes from the channel posts). Slack wants an answer within 3 s: a
 * command still working at 2.5 s is answered "working on it", and its result is posted privately when
 * it is done.
 */
@ApplicationScoped
public class SlackCommands {

    private static final Logger LOG = Logger.getLogger(SlackCommands.class);
    static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);
    static final String FALLBACK_CATEGORY = "OTHER";

    /** What Slack shows: to the person only, or to the whole channel. */
    public record Reply(boolean inChannel, String text) {
        static Reply toYou(String text) {
            return new Reply(false, text);
        }
    }

    @Inject
    SlackActors actors;

    @Inject
    IncidentService incidents;

    @Inject
    OnCallService onCall;

    @Inject
    SlackFacts facts;

    @Inject
    SlackWebApi api;

    @Inject
    SlackSettings settings;

    @Inject
    Clock clock;

    /** Runs a verified command; {@code form} is Slack's form body. */
    public Uni<Reply> run(Map<String, String> form) {
        String slackUser = form.get("user_id");
        String channel = form.get("channel_id");
        CompletableFuture<Reply> work = Panache.withSession(() -> execute(form))
                .onFailure(DomainException.class).recoverWithItem(e -> Reply.toYou(":warning: "
                        + SlackReplies.explain((DomainException) e)))
                .onFailure().recoverWithItem(e -> {
                    DatabaseOutage.log(LOG, Logger.Level.ERROR, e, "Slack command %s %s failed", form.get("command"),
                            form.get("text"));
                    return Reply.toYou(":warning: Vigil could not do that just now; please try again.");
                })
                .subscribeAsCompletionStage();
        // a copy, so that giving up waiting does not cancel the work itself
        CompletableFuture<Reply> answer = work.thenApply(r -> r);
        return Uni.createFrom().completionStage(answer).ifNoItem().after(ANSWER_WITHIN).recoverWithItem(() -> {
            work.thenAcceptAsync(reply -> api.postEphemeral(channel, slackUser, reply.text()));
            return Reply.toYou(":hourglass_flowing_sand: Working on it; the result will appear here.");
        });
    }

    private Uni<Reply> execute(Map<String, String> form) {
        String command = form.getOrDefault("command", "");
        return Category.<Category>listAll().flatMap(all -> {
            Set<String> codes = all.stream().map(c -> c.code).collect(Collectors.toCollection(HashSet::new));
            SlackCommand parsed = SlackCommand.parse(command, form.get("text"), codes, FALLBACK_CATEGORY);
            if (parsed instanceof SlackCommand.Help) {
                return Uni.createFrom().item(Reply.toYou(help()));
            }
            if (parsed instanceof SlackCommand.Invalid invalid) {
                return Uni.createFrom().item(Reply.toYou(":warning: " + invalid.problem() + "\nType: `"
                        + invalid.usage() + "`"));
            }
            String slackUser = form.get("user_id");
            return actors.caller(slackUser).flatMap(caller -> caller.isEmpty()
                    ? Uni.createFrom().item(Reply.toYou(SlackActors.notLinked(slackUser)))
                    : perform(parsed, caller.get(), form.get("channel_id")));
        });
    }

    private Uni<Reply> perform(SlackCommand command, Caller caller, String channelId) {
        if (command instanceof SlackCommand.Declare d) {
            return incidents.declare(new DeclareIncident(d.title(), null, d.category(), d.severity(), d.region(), null),
                    caller).map(incident -> Reply.toYou(":rotating_light: Declared " + incident.severity + " "
                    + incident.reference() + (incident.restricted ? " (restricted)" : ": "
                    + SlackMessages.escape(incident.title)) + ". <" + facts.link(incident.id) + "|Open it in Vigil>"
                    + (settings.channelSeverities().contains(incident.severity)
                    ? ". Its channel is being created and you will be invited." : ".")));
        }
        if (command instanceof SlackCommand.OnCall o) {
            return onCall(o);
        }
        return incidentOfChannel(channelId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Reply.toYou(":warning: Run this inside an incident's channel (#inc-…)."
                        + " Elsewhere you can use `/incident declare`, `/oncall` and `/incident help`."));
            }
            UUID incidentId = found.get();
            if (command instanceof SlackCommand.SetStatus s) {
                return incidents.changeStatus(incidentId, s.status(), s.reason(), caller)
                        .map(i -> Reply.toYou("Done: " + i.reference() + " is now " + i.status + "."));
            }
            if (command instanceof SlackCommand.SetSeverity s) {
                return incidents.changeSeverity(incidentId, s.severity(), s.reason(), caller)
                        .map(i -> Reply.toYou("Done: " + i.reference() + " is now " + i.severity + "."));
            }
            SlackCommand.Note note = (SlackCommand.Note) command;
            return incidents.addNote(incidentId, note.text(), null, caller)
                    .map(e -> Reply.toYou(":memo: Added to the timeline."));
        });
    }

    private Uni<Optional<UUID>> incidentOfChannel(String channelId) {
        if (channelId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select incident_id from slack_incident_channel where channel_id = :c", UUID.class)
                .setParameter("c", channelId).getResultList()
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0))));
    }

    /** Who holds the pager now in each asked region (the active one by default), and until when. */
    private Uni<Reply> onCall(SlackCommand.OnCall command) {
        Instant now = clock.instant();
        return onCall.onCallAt(now).flatMap(answer -> {
            List<OnCallBoard.RegionOnCall> shown = answer.regions().stream()
                    .filter(r -> command.region() != null ? r.region() == command.region()
                            : r.region() == answer.activeRegion())
                    .toList();
            Set<UUID> ids = new HashSet<>();
            shown.forEach(r -> {
                if (r.primary() != null) ids.add(r.primary());
                if (r.secondary() != null) ids.add(r.secondary());
            });
            return User.<User>list("id in ?1", ids.isEmpty() ? List.of(new UUID(0, 0)) : ids).map(users -> {
                Map<UUID, User> byId = users.stream().collect(Collectors.toMap(u -> u.id, u -> u));
                StringBuilder text = new StringBuilder();
                if (command.region() == null) {
                    text.append("Active region: *").append(answer.activeRegion()).append("*")
                            .append(answer.gap() ? " (coverage gap: it keeps the pager until the next region starts)"
                                    : "").append("\n");
                }
                for (OnCallBoard.RegionOnCall region : shown) {
                    text.append("*").append(region.region()).append("*")
                            .append(region.inCoverage() ? " (in coverage)" : " (outside its coverage window)")
                            .append("\n• Primary: ").append(person(byId.get(region.primary())))
                            .append("\n• Secondary: ").append(person(byId.get(region.secondary())))
                            .append("\n• Next handoff: ").append(region.shiftEndsAt() == null ? "none scheduled"
                                    : SlackMessages.when(region.shiftEndsAt()))
                            .append("\n");
                }
                return Reply.toYou(text.toString().strip());
            });
        });
    }

    private static String person(User user) {
        return user == null ? "nobody (unstaffed)" : SlackFacts.mention(user);
    }

    static String help() {
        return String.join("\n",
                "*Vigil commands*",
                "`" + SlackCommand.DECLARE_USAGE + "` declare an incident (category defaults to " + FALLBACK_CATEGORY
                        + ")",
                "`" + SlackCommand.STATUS_USAGE + "` change the status (in an incident channel)",
                "`" + SlackCommand.SEV_USAGE + "` change the severity (in an incident channel)",
                "`" + SlackCommand.NOTE_USAGE + "` add a note to the timeline (in an incident channel)",
                "`" + SlackCommand.ONCALL_USAGE + "` who holds the pager now, and the next handoff",
                "`/incident help` this list");
    }
}
