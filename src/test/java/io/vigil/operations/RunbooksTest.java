package io.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runbooks are what an on-call engineer reads at 03:00, so they are held to a shape and to the
 * code: each one has Symptoms · Impact · Diagnose · Mitigate · Escalate in that order; its Symptoms
 * say what detects the problem ({@code **Detected by**}: a metric or a log line); its Diagnose has the
 * exact commands; every {@code vigil_…} metric named anywhere in the docs is one the service
 * registers; every log line quoted as {@code log `…`} is one the service writes; every relative link
 * leads somewhere.
 */
class RunbooksTest {

    private static final Path RUNBOOKS = Path.of("runbooks");

    /** The runbooks issue 7 asks for, plus the older ones that must keep the same shape. */
    private static final List<String> REQUIRED = List.of("service-down.md", "database-failover.md",
            "escalation-engine-stalled.md", "slack-delivery-failing.md", "webhook-deliveries-failing.md",
            "slack-signing-secret-rotation.md", "restoring-from-backup.md", "declaring-and-running-a-sev1.md",
            "database-unreachable.md", "embedded-database-wont-start.md", "lost-bootstrap-token.md");

    private static final List<String> SECTIONS = List.of("Symptoms", "Impact", "Diagnose", "Mitigate", "Escalate");

    private static final Pattern METRIC = Pattern.compile("\\bvigil_[a-z_]+");
    private static final Pattern QUOTED_LOG = Pattern.compile("\\blog `([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRequiredRunbookExistsAndIsListedInTheIndex() throws IOException {
        String index = Files.readString(RUNBOOKS.resolve("README.md"));
        for (String name : REQUIRED) {
            assertThat(RUNBOOKS.resolve(name)).as(name).isRegularFile();
        }
        for (Path runbook : runbooks()) {
            assertThat(index).as("runbooks/README.md lists " + runbook.getFileName())
                    .contains("(" + runbook.getFileName() + ")");
        }
    }

    @Test
    void everyRunbookHasTheFiveSectionsInOrder() throws IOException {
        for (Path runbook : runbooks()) {
            List<String> headings = Files.readAllLines(runbook).stream().filter(l -> l.startsWith("## "))
                    .map(l -> l.substring(3)).toList();
            int at = -1;
            for (String section : SECTIONS) {
                int found = -1;
                for (int i = at + 1; i < headings.size(); i++) {
                    if (headings.get(i).startsWith(section)) {
                        found = i;
                        break;
                    }
                }
                assertThat(found).as(runbook + ": '## " + section + "' after the previous section; headings "
                        + headings).isGreaterThan(at);
                at = found;
            }
        }
    }

    @Test
    void everyRunbookSaysWhatDetectsItAndHowToDiagnoseIt() throws IOException {
        for (Path runbook : runbooks()) {
            String symptoms = section(runbook, "Symptoms");
            Matcher detected = Pattern.compile("\\*\\*Detected by\\*\\*[^\\n]*(\\n +[^\\n]+)*").matcher(symptoms);
            assertThat(detected.find()).as(runbook + ": Symptoms has a **Detected by** line").isTrue();
            assertThat(detected.group()).as(runbook + ": **Detected by** names a metric or a log line in `code`")
                    .containsPattern("`[^`]+`");
            String diagnose = section(runbook, "Diagnose");
            assertThat(diagnose).as(runbook + ": Diagnose gives the commands in a ```sh or ```sql block")
                    .containsPattern("```(sh|sql)\\n");
        }
    }

    @Test
    void everyMetricNamedInTheDocsIsOneTheServiceRegisters() throws IOException {
        Set<String> registered = registeredMetrics();
        assertThat(registered).contains("vigil_escalation_overdue", "vigil_delivery_oldest_pending");
        Pattern exported = Pattern.compile("(" + String.join("|", registered)
                + ")(_seconds)?(_total|_max|_count|_sum|_bucket)?");
        // other vigil_ names the docs may mention: the code's own identifiers, e.g. NOTIFY channels
        Set<String> identifiers = new TreeSet<>();
        Matcher literal = Pattern.compile("\"(vigil_[a-z_]+)\"").matcher(mainSources());
        while (literal.find()) {
            identifiers.add(literal.group(1));
        }
        List<String> unknown = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = METRIC.matcher(Files.readString(doc));
            while (m.find()) {
                if (!exported.matcher(m.group()).matches() && !identifiers.contains(m.group())) {
                    unknown.add(doc + ": " + m.group());
                }
            }
        }
        assertThat(unknown).as("metrics the service does not register (registered: " + registered + ")").isEmpty();
    }

    @Test
    void everyQuotedLogLineIsOneTheServiceWrites() throws IOException {
        String code = mainSources();
        List<String> unknown = new ArrayList<>();
        int quoted = 0;
        for (Path doc : documents()) {
            Matcher m = QUOTED_LOG.matcher(Files.readString(doc));
            while (m.find()) {
                quoted++;
                // "…" and <placeholders> stand for the variable parts; every literal part must be in the code
                for (String part : m.group(1).split("…|<[^>]+>| — ")) {
                    String literal = part.strip();
                    if (literal.length() >= 4 && !code.contains(literal)) {
                        unknown.add(doc + ": '" + literal + "' of `" + m.group(1) + "`");
                    }
                }
            }
        }
        assertThat(quoted).as("log lines quoted as log `…`").isGreaterThan(10);
        assertThat(unknown).as("quoted log text not found in src/main/java").isEmpty();
    }

    @Test
    void everyRelativeLinkLeadsSomewhere() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#") || target.startsWith("/")) {
                    continue;
                }
                String file = target.replaceFirst("#.*$", "");
                if (!Files.exists(doc.resolveSibling(file).normalize())) {
                    broken.add(doc + " -> " + target);
                }
            }
        }
        assertThat(broken).as("broken relative links").isEmpty();
    }

    /** The text of {@code ## <name>…} up to the next {@code ## } heading. */
    private static String section(Path runbook, String name) throws IOException {
        String text = Files.readString(runbook);
        Matcher start = Pattern.compile("(?m)^## " + name + ".*$").matcher(text);
        assertThat(start.find()).as(runbook + ": ## " + name).isTrue();
        int end = text.indexOf("\n## ", start.end());
        return text.substring(start.end(), end < 0 ? text.length() : end);
    }

    private static List<Path> runbooks() throws IOException {
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        }
    }

    /** Runbooks (with their index), docs/ and the README: everything an operator reads. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), RUNBOOKS.resolve("README.md")));
        documents.addAll(runbooks());
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /**
     * Micrometer names in the code ({@code "vigil.escalation.overdue"}) as Prometheus exports them
     * ({@code vigil_escalation_overdue}, with unit and type suffixes added on export).
     */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"(vigil\\.[a-z_]+\\.[a-z_.]+)\"").matcher(mainSources());
        while (m.find()) {
            names.add(m.group(1).replace('.', '_'));
        }
        return names;
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                // "a " + "b" reads as "a b": a message split over lines is still found whole
                all.append(Files.readString(p).replaceAll("\"\\s*\\+\\s*\"", "")).append('\n');
            }
        }
        return all.toString();
    }
}
