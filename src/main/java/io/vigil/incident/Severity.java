package io.vigil.incident;

/** SEV1 is the worst. What each level implies (paging, timeouts, post-mortem) is a {@link SeverityPolicy}. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
