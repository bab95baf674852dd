package io.vigil.common.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every error a caller can cause. Subclasses say what went wrong in domain terms;
 * {@link ProblemMapper} alone decides how each kind looks on the wire (RFC 9457).
 */
public abstract class DomainException extends RuntimeException {

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected DomainException(String detail) {
        super(detail, null, false, false);
    }

    /** Extra members of the problem document, e.g. the allowed moves of a state machine. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public DomainException with(String key, Object value) {
        extensions.put(key, value);
        return this;
    }
}
