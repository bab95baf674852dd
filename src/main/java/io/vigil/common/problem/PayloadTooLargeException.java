package io.vigil.common.problem;

/** The request body is over the service's size limit. */
public class PayloadTooLargeException extends DomainException {
    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
