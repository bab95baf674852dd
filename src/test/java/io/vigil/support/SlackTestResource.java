package io.vigil.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points every {@code @QuarkusTest} at one {@link FakeSlack} for the whole test JVM, with a bot token
 * and a signing secret, so Slack delivery is on in tests exactly as in production. Users without a
 * Slack member id (most tests' users) are not reached by it.
 */
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
public class SlackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "test-signing-secret-5f0c2a9e71";

    @Override
    public Map<String, String> start() {
        FakeSlack slack = FakeSlack.shared();
        return Map.of(
                "oncall.slack.api-url", slack.apiUrl(),
                "oncall.slack.bot-token", FakeSlack.BOT_TOKEN,
                "oncall.slack.signing-secret", SIGNING_SECRET);
    }

    /** The fake keeps running across Quarkus restarts between test classes. */
    @Override
    public void stop() {
    }
}
