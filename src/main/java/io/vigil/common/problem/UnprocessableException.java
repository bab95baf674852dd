package io.vigil.common.problem;

/** The request is understood and allowed but a business rule forbids it now. */
public class UnprocessableException extends DomainException {
    public UnprocessableException(String detail) {
        super(detail);
    }
}
