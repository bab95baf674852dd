package io.vigil.incident.api;

import io.vigil.incident.Severity;
import io.vigil.incident.SeverityPolicy;
import java.time.Duration;
import java.time.Instant;

public record SeverityPolicyView(Severity severity, String description, boolean pageOnDeclare, Duration ackTimeout,
                                 boolean leadershipNotified, boolean postmortemRequired, Instant updatedAt) {

    public static SeverityPolicyView of(SeverityPolicy p) {
        return new SeverityPolicyView(p.severity, p.description, p.pageOnDeclare, p.ackTimeout, p.leadershipNotified,
                p.postmortemRequired, p.updatedAt);
    }
}
