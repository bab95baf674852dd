package io.vigil.common.problem;

/** The caller is known but their roles do not allow the action. */
public class AccessDeniedException extends DomainException {
    public AccessDeniedException(String detail) {
        super(detail);
    }
}
