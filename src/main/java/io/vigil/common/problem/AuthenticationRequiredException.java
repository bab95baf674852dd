package io.vigil.common.problem;

/** No valid bearer token came with the request. */
public class AuthenticationRequiredException extends DomainException {
    public AuthenticationRequiredException(String detail) {
        super(detail);
    }
}
