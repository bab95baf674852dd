package io.vigil.paging;

/** Where a page stands: notifying and climbing, answered, stopped with its incident, or out of levels. */
public enum PageStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED, EXHAUSTED
}
