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
 * docs/operations.md promises every configuration property: each one set in
 * application.properties, read with {@code @ConfigProperty}, or mapped by a {@code @ConfigMapping}
 * interface must appear there in backticks, so a new setting cannot ship undocumented.
 */
class OperationsDocTest {

    private static final Path DOC = Path.of("docs", "operations.md");

    @Test
    void everyConfigurationPropertyIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> properties = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("src", "main", "resources", "application.properties"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                properties.add(trimmed.substring(0, trimmed.indexOf('=')).replaceFirst("^%[a-z]+\\.", ""));
            }
        }
        List<Path> sources = javaSources();
        Pattern injected = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
        Pattern member = Pattern.compile("^\\s+[\\w<>, ]+\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
        for (Path source : sources) {
            String code = Files.readString(source);
            Matcher m = injected.matcher(code);
            while (m.find()) {
                properties.add(m.group(1));
            }
            Matcher prefix = mapping.matcher(code);
            if (prefix.find()) {
                Matcher members = member.matcher(code.substring(prefix.end()));
                while (members.find()) {
                    properties.add(prefix.group(1) + "." + kebab(members.group(1)));
                }
            }
        }
        assertThat(properties).as("properties found").hasSizeGreaterThan(40).contains("oncall.slack.bot-token",
                "oncall.webhook.timeout", "quarkus.shutdown.delay");
        List<String> missing = properties.stream().filter(p -> !doc.contains("`" + p + "`")
                && !doc.contains("`%test." + p + "`")).toList();
        assertThat(missing).as("properties missing from " + DOC).isEmpty();
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".java")).toList());
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
