package io.vigil.postmortem;

/** Where a post-mortem is: written, reviewed, then published for everyone who may see the incident. */
public enum PostmortemStatus {
    DRAFT, IN_REVIEW, PUBLISHED
}
