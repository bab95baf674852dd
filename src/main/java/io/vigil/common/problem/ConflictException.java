package io.vigil.common.problem;

/** The request is well-formed but clashes with the current state (illegal transition, duplicate). */
public class ConflictException extends DomainException {
    public ConflictException(String detail) {
        super(detail);
    }
}
