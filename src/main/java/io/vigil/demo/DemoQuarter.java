package io.vigil.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic quarter of trust-and-safety incidents, made up but plausible, from a fixed seed: every
 * category, region and severity; acknowledgements, escalations, mitigations and resolutions at
 * believable speeds; post-mortems (mostly published) with action items, some of them late. Pure: the
 * same seed and end give the same quarter.
 */
public final class DemoQuarter {

    public static final String[] CATEGORIES = {"ACCOUNT_INTEGRITY", "ABUSE_HARASSMENT", "MISINFORMATION",
            "CHILD_SAFETY", "VIOLENT_EXTREMISM", "ILLEGAL_CONTENT", "HIGH_PROFILE_ACCOUNT", "LIVE_STREAM_HARM",
            "PLATFORM_INTEGRITY", "OTHER"};
    public static final String[] REGIONS = {"APAC", "EMEA", "AMER"};
    public static final String[] PEOPLE = {"lead", "amara", "bruno", "chen", "dana", "eitan", "fatima", "goran",
            "hana", "ines", "jon", "keiko"};

    private static final String[][] TITLES = {
            {"Credential-stuffing wave on creator accounts", "Bulk account takeovers via SIM swap"},
            {"Coordinated harassment of a journalist", "Brigading of a support forum"},
            {"Fake election-result videos spreading", "Manipulated disaster footage trending"},
            {"CSAM hash matches in new uploads", "Grooming report escalated by partner NGO"},
            {"Attack footage re-uploaded by mirror accounts", "Recruitment channel for an extremist group"},
            {"Counterfeit medicine ads", "Weapons sales in marketplace listings"},
            {"Head-of-state account compromised", "Celebrity impersonation scam"},
            {"Self-harm live stream in progress", "Violent live stream reported by viewers"},
            {"Classifier outage: reports queue backing up", "Spam bot surge after API change"},
            {"Regulator deadline on a takedown order", "Unclassified spike in user reports"}};

    public record Incident(int index, String title, String category, String region, String severity,
                           boolean restricted, String status, Instant declaredAt, Instant acknowledgedAt,
                           Instant mitigatedAt, Instant resolvedAt, Instant closedAt, int declarer, int responder,
                           Integer escalatedTo, Duration ackTimeout, Postmortem postmortem) {
    }

    public record Postmortem(Instant createdAt, Instant publishedAt, List<ActionItem> actionItems) {
    }

    public record ActionItem(String title, int owner, LocalDate dueDate, String priority, String status) {
    }

    private DemoQuarter() {
    }

    public static List<Incident> generate(Instant end, long seed, int count) {
        Random random = new Random(seed);
        List<Incident> incidents = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int c = n < CATEGORIES.length ? n : random.nextInt(CATEGORIES.length); // every category at least once
            String category = CATEGORIES[c];
            String region = REGIONS[n % 3 == 0 ? random.nextInt(3) : n % 3];
            double roll = random.nextDouble();
            String severity = n < 4 ? "SEV" + (n + 1) : roll < 0.08 ? "SEV1" : roll < 0.30 ? "SEV2"
                    : roll < 0.70 ? "SEV3" : "SEV4";
            Duration ackTimeout = switch (severity) {
                case "SEV1" -> Duration.ofMinutes(5);
                case "SEV2" -> Duration.ofMinutes(15);
                case "SEV3" -> Duration.ofMinutes(30);
                default -> null;
            };
            Instant declared = end.minus(Duration.ofMinutes(60 + random.nextInt(91 * 24 * 60)));
            boolean recent = Duration.between(declared, end).toHours() < 48;
            Instant ack = ackTimeout == null ? null : declared.plus(Duration.ofSeconds(40 + random.nextInt(
                    (int) ackTimeout.multipliedBy(3).toSeconds() / 2)));
            boolean open = recent && random.nextBoolean();
            Instant mitigated = open ? null : declared.plus(Duration.ofMinutes(15 + random.nextInt(240)));
            Instant resolved = open ? null : mitigated.plus(Duration.ofMinutes(10 + random.nextInt(600)));
            if (resolved != null && resolved.isAfter(end)) {
                // nothing happens after the quarter's end: still being worked on
                open = true;
                mitigated = null;
                resolved = null;
            }
            boolean needsPostmortem = severity.equals("SEV1") || severity.equals("SEV2");
            Postmortem postmortem = null;
            String status;
            Instant closed = null;
            if (open) {
                status = "INVESTIGATING";
            } else if (needsPostmortem) {
                Instant created = resolved.plus(Duration.ofHours(2 + random.nextInt(20)));
                boolean published = random.nextDouble() < 0.8 && created.plus(Duration.ofDays(3)).isBefore(end);
                Instant publishedAt = published ? created.plus(Duration.ofHours(24 + random.nextInt(72))) : null;
                if (publishedAt != null && publishedAt.isAfter(end)) {
                    publishedAt = null;
                }
                List<ActionItem> items = new ArrayList<>();
                int itemCount = 1 + random.nextInt(3);
                for (int i = 0; i < itemCount; i++) {
                    LocalDate due = LocalDate.ofInstant(resolved, ZoneOffset.UTC).plusDays(7 + random.nextInt(40));
                    double s = random.nextDouble();
                    String itemStatus = s < 0.45 ? "DONE" : s < 0.7 ? "IN_PROGRESS" : "OPEN";
                    items.add(new ActionItem(ACTIONS[random.nextInt(ACTIONS.length)], random.nextInt(PEOPLE.length),
                            due, i == 0 ? "HIGH" : random.nextBoolean() ? "MEDIUM" : "LOW", itemStatus));
                }
                postmortem = new Postmortem(created.isAfter(end) ? end : created, publishedAt, items);
                status = publishedAt != null ? "CLOSED" : "RESOLVED";
                closed = publishedAt;
            } else {
                status = random.nextDouble() < 0.6 ? "CLOSED" : "RESOLVED";
                closed = status.equals("CLOSED") ? resolved.plus(Duration.ofHours(1)) : null;
            }
            int responder = 1 + random.nextInt(PEOPLE.length - 1);
            Integer escalatedTo = ack != null && ack.isAfter(declared.plus(ackTimeout))
                    ? 1 + (responder % (PEOPLE.length - 1)) : null;
            boolean restricted = category.equals("CHILD_SAFETY") || category.equals("VIOLENT_EXTREMISM");
            incidents.add(new Incident(n, TITLES[c][random.nextInt(2)], category, region, severity, restricted, status,
                    declared, ack, mitigated, resolved, closed, random.nextInt(PEOPLE.length), responder, escalatedTo,
                    ackTimeout, postmortem));
        }
        return incidents;
    }

    private static final String[] ACTIONS = {"Add a second approver for emergency hash-list updates",
            "Alert on report-queue age, not only size", "Runbook for live-stream takedown escalation",
            "Rotate the on-call manager list monthly", "Tune the classifier threshold with review",
            "Regional language coverage for night shifts", "Automate mirror-account clustering",
            "Drill: SEV1 declared at 03:00 local"};
}
