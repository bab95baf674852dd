package io.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in {@code helm/vigil}, checked with Helm 3 itself (embedded through helm-java, so
 * no helm binary is needed): {@code helm lint --strict}, then {@code helm template} over the value
 * sets an operator uses, asserting on the rendered objects; and the values schema refusing bad values.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "vigil");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultsRenderTwoHardenedReplicasAgainstAnExternalDatabase() throws IOException {
        Rendered chart = render(Map.of());

        assertThat(chart.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
                "PodDisruptionBudget");
        JsonNode deployment = chart.one("Deployment");
        assertThat(deployment.at("/metadata/name").asText()).isEqualTo("vigil");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();

        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).as("a writable /tmp").isEqualTo("/tmp");
        assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
        assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).as("covers the drain and the sends")
                .isGreaterThanOrEqualTo(45);
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(pod.at("/topologySpreadConstraints/0/labelSelector/matchLabels"))
                .isEqualTo(deployment.at("/spec/selector/matchLabels"));

        Map<String, String> config = chart.configMap();
        assertThat(config).containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgresql:5432/vigil")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgresql:5432/vigil")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "vigil")
                .containsEntry("QUARKUS_SHUTDOWN_DELAY", "PT5S")
                .doesNotContainKeys("ONCALL_DATA_DIR", "ONCALL_EMBEDDED_DB_PORT");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText())
                .isEqualTo(chart.one("ConfigMap").at("/metadata/name").asText());
        assertThat(chart.env(container).keySet()).as("no secret is referenced when none is configured")
                .containsExactly("JAVA_OPTS_APPEND");

        JsonNode selector = deployment.at("/spec/selector/matchLabels");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        selector.fields().forEachRemaining(label ->
                assertThat(podLabels.get(label.getKey())).as("pod label " + label.getKey()).isEqualTo(label.getValue()));
        assertThat(chart.one("Service").at("/spec/selector")).isEqualTo(selector);
        assertThat(chart.one("Service").at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
        JsonNode pdb = chart.one("PodDisruptionBudget");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(selector);
    }

    @Test
    void ingressRoutesToTheServiceWithTls() throws IOException {
        Rendered chart = render(Map.of("ingress.enabled", "true", "ingress.className", "nginx",
                "ingress.hosts[0].host", "vigil.trust-safety.example", "ingress.hosts[0].paths[0].path", "/",
                "ingress.hosts[0].paths[0].pathType", "Prefix", "ingress.tls[0].secretName", "vigil-tls",
                "ingress.tls[0].hosts[0]", "vigil.trust-safety.example"));

        JsonNode ingress = chart.one("Ingress");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("vigil.trust-safety.example");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                .isEqualTo(chart.one("Service").at("/metadata/name").asText());
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText()).isEqualTo("http");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("vigil-tls");
    }

    @Test
    void existingSecretsAreReferencedAndNothingIsInlined() throws IOException {
        Rendered chart = render(Map.of("secrets.existingSecret", "vigil-secrets",
                "database.existingSecret", "pg-cluster-app", "database.existingSecretPasswordKey", "password"));

        assertThat(chart.kinds()).doesNotContain("Secret");
        Map<String, JsonNode> env = chart.env(chart.one("Deployment").at("/spec/template/spec/containers/0"));
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("pg-cluster-app");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").at("/valueFrom/secretKeyRef/key").asText())
                .isEqualTo("password");
        for (String name : List.of("ONCALL_AUTH_BOOTSTRAP_TOKEN", "ONCALL_SLACK_BOT_TOKEN", "ONCALL_SLACK_SIGNING_SECRET")) {
            assertThat(env.get(name).at("/valueFrom/secretKeyRef/name").asText()).as(name).isEqualTo("vigil-secrets");
            assertThat(env.get(name).has("value")).as(name + " has no inline value").isFalse();
        }
        assertThat(env.get("ONCALL_SLACK_BOT_TOKEN").at("/valueFrom/secretKeyRef/key").asText())
                .isEqualTo("slack-bot-token");
        assertThat(chart.configMap().keySet()).noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN")
                || k.contains("SECRET"));
    }

    @Test
    void oneExistingSecretAlsoCarriesTheDatabasePassword() throws IOException {
        Rendered chart = render(Map.of("secrets.existingSecret", "vigil-secrets"));

        JsonNode password = chart.env(chart.one("Deployment").at("/spec/template/spec/containers/0"))
                .get("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("vigil-secrets");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("database-password");
    }

    @Test
    void secretValuesGivenToTheChartGoOnlyIntoItsSecret() throws IOException {
        Map<String, String> values = Map.of("database.password", "pg-pass-7f3a91",
                "secrets.bootstrapToken", "bootstrap-0c55e2d8", "secrets.slackBotToken", "xoxb-slack-4e1b",
                "secrets.slackSigningSecret", "signing-9d2f");
        Rendered chart = render(values);

        JsonNode secret = chart.one("Secret");
        assertThat(secret.at("/data/database-password").asText()).isEqualTo(base64("pg-pass-7f3a91"));
        assertThat(secret.at("/data/slack-bot-token").asText()).isEqualTo(base64("xoxb-slack-4e1b"));
        for (JsonNode object : chart.objects()) {
            if (!"Secret".equals(object.path("kind").asText())) {
                String text = YAML.writeValueAsString(object);
                for (String value : values.values()) {
                    assertThat(text).as(object.path("kind").asText() + " must not inline a secret").doesNotContain(value)
                            .doesNotContain(base64(value));
                }
            }
        }
        JsonNode template = chart.one("Deployment").at("/spec/template");
        assertThat(template.at("/metadata/annotations").has("checksum/secret")).as("secret changes roll the pods").isTrue();
        assertThat(chart.env(template.at("/spec/containers/0")).get("ONCALL_AUTH_BOOTSTRAP_TOKEN")
                .at("/valueFrom/secretKeyRef/name").asText()).isEqualTo(secret.at("/metadata/name").asText());
    }

    @Test
    void fiveReplicasKeepTheirBudget() throws IOException {
        Rendered chart = render(Map.of("replicaCount", "5", "podDisruptionBudget.minAvailable", "3"));

        assertThat(chart.one("Deployment").at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(chart.one("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(3);
    }

    @Test
    void oneReplicaGetsNoBudgetThatWouldBlockNodeDrains() throws IOException {
        assertThat(render(Map.of("replicaCount", "1")).kinds()).doesNotContain("PodDisruptionBudget");
    }

    @Test
    void databaseSettingsAndExtraEnvironmentReachTheConfigMap() throws IOException {
        Rendered chart = render(Map.of("database.host", "vigil-db.internal", "database.port", "6432",
                "database.name", "oncall", "database.parameters", "sslmode=require",
                "config.extraEnv.ONCALL_WEBHOOK_MAX_IN_FLIGHT", "64", "config.publicUrl", "https://vigil.example.org"));

        assertThat(chart.configMap())
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://vigil-db.internal:6432/oncall?sslmode=require")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://vigil-db.internal:6432/oncall?sslmode=require")
                .containsEntry("ONCALL_WEBHOOK_MAX_IN_FLIGHT", "64")
                .containsEntry("ONCALL_PUBLIC_URL", "https://vigil.example.org");
    }

    @Test
    void serviceMonitorScrapesTheMetricsPath() throws IOException {
        JsonNode monitor = render(Map.of("metrics.serviceMonitor.enabled", "true",
                "metrics.serviceMonitor.labels.release", "prometheus")).one("ServiceMonitor");

        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    }

    @Test
    void theSchemaRejectsBadValues() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("replicaCount", "0");
        bad.put("database.port", "70000");
        bad.put("replicas", "3"); // a typo of replicaCount
        bad.put("image.pullPolicy", "Sometimes");
        bad.put("ingress.hosts[0].paths[0].pathType", "Prefixx");
        bad.put("config.publicUrl", "vigil.example.org");
        bad.put("config.slackChannelSeverities", "SEV1,SEV9");
        bad.put("shutdownDelay", "5 seconds");
        bad.put("service.type", "ExternalName");
        bad.forEach((key, value) -> assertThatThrownBy(() -> render(Map.of(key, value)))
                .as("%s=%s", key, value).hasMessageContaining("values don't meet the specifications of the schema"));
    }

    @Test
    void contradictorySecretSettingsAreRefusedWithAReason() {
        assertThatThrownBy(() -> render(Map.of("database.password", "x", "secrets.existingSecret", "vigil-secrets")))
                .hasMessageContaining("database.password cannot be combined");
        assertThatThrownBy(() -> render(Map.of("secrets.existingSecret", "vigil-secrets", "secrets.bootstrapToken", "t")))
                .hasMessageContaining("put them in that Secret");
    }

    @Test
    void theImageAndTheChartAgreeOnUserPortAndLayout() throws IOException {
        List<String> dockerfile = java.nio.file.Files.readAllLines(Path.of("src", "main", "docker", "Dockerfile.jvm"));
        JsonNode pod = render(Map.of()).one("Deployment").at("/spec/template/spec");

        assertThat(dockerfile).contains("USER " + pod.at("/securityContext/runAsUser").asInt());
        assertThat(dockerfile).contains("EXPOSE " + pod.at("/containers/0/ports/0/containerPort").asInt());
        assertThat(dockerfile).anyMatch(line -> line.startsWith("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
        for (String layer : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertThat(dockerfile).as("copies the fast-jar's " + layer)
                    .anyMatch(line -> line.startsWith("COPY --chown=185 target/quarkus-app/" + layer));
        }
    }

    private static Rendered render(Map<String, String> values) throws IOException {
        TemplateCommand template = new Helm(CHART).template().withName("vigil").withNamespace("vigil")
                .withKubeVersion("1.30.0");
        values.forEach(template::set);
        String manifest = template.call();
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifest)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.has("kind")) {
                    objects.add(document);
                }
            }
        }
        return new Rendered(objects);
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The objects {@code helm template} rendered. */
    private record Rendered(List<JsonNode> objects) {

        List<String> kinds() {
            return objects.stream().map(o -> o.get("kind").asText()).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.get("kind").asText())).toList();
            assertThat(found).as("rendered " + kind + " objects").hasSize(1);
            return found.get(0);
        }

        Map<String, String> configMap() {
            Map<String, String> data = new LinkedHashMap<>();
            one("ConfigMap").get("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            return data;
        }

        Map<String, JsonNode> env(JsonNode container) {
            Map<String, JsonNode> env = new LinkedHashMap<>();
            StreamSupport.stream(container.path("env").spliterator(), false)
                    .forEach(e -> env.put(e.get("name").asText(), e));
            return env;
        }
    }
}
